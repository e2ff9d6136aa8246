INSERT INTO audit_log (id, at, unit_id, actor, action, object, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
