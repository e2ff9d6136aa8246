INSERT INTO audit_checkpoints (at, chain, unit_id, count, head, public_key, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
