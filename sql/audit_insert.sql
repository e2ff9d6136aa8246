INSERT INTO audit_log (id, at, unit_id, actor, action, object, detail, prev_hash, hash, unit_seq, unit_prev_hash, unit_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);
