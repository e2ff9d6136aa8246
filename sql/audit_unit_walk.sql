-- A unit's entries (?1, NULL for entries of no unit) from entry ?2 on, in
-- entry order: the order their unit_seq must follow, so that a row slipped
-- in without a place in the unit chain is seen too.
SELECT id, at, unit_id, actor, action, object, detail, prev_hash, hash,
       unit_seq, unit_prev_hash, unit_hash
  FROM audit_log WHERE unit_id IS ?1 AND id >= ?2 ORDER BY id;
