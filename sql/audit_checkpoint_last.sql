-- The newest checkpoint of chain ?1 ('g' or 'u') of unit ?2.
SELECT id, at, chain, unit_id, count, head, public_key, signature
  FROM audit_checkpoints WHERE chain = ?1 AND unit_id = ?2
 ORDER BY count DESC, id DESC LIMIT 1;
