SELECT id, at, chain, unit_id, count, head, public_key, signature
  FROM audit_checkpoints WHERE chain = ?1 AND unit_id = ?2
 ORDER BY count, id;
