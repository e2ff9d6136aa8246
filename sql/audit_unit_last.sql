-- The head of a unit's chain (?1, NULL for entries of no unit).
SELECT unit_seq, unit_hash FROM audit_log WHERE unit_id IS ?1
 ORDER BY id DESC LIMIT 1;
