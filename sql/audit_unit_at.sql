-- The entry at place ?2 of a unit's chain (?1, NULL for no unit).
SELECT id FROM audit_log WHERE unit_id IS ?1 AND unit_seq = ?2
 ORDER BY id LIMIT 1;
