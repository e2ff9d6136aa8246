INSERT INTO users (unit_id, username, pw_hash, created_at, public_key, key_salt, key_wrapped, password_changed_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?4);
