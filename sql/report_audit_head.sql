-- The chain head as of an instant: the last entry written at or before it.
SELECT id, hash FROM audit_log WHERE at <= ?1 ORDER BY id DESC LIMIT 1;
