INSERT INTO users (unit_id, username, pw_hash, created_at) VALUES (?1, ?2, ?3, ?4);
