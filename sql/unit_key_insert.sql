INSERT INTO unit_keys (unit_id, kind, public_key, recovery_wrapped, created_at) VALUES (?1, ?2, ?3, ?4, ?5);
