SELECT id, at, unit_id, actor, action, object, detail, prev_hash, hash FROM audit_log ORDER BY id;
