SELECT id, at, chain, unit_id, count, head, public_key, signature
  FROM audit_checkpoints ORDER BY chain, unit_id, count, id;
