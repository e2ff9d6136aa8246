-- The global chain from entry ?1 on.
SELECT id, at, unit_id, actor, action, object, detail, prev_hash, hash,
       unit_seq, unit_prev_hash, unit_hash
  FROM audit_log WHERE id >= ?1 ORDER BY id;
