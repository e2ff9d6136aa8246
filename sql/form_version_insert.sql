INSERT INTO form_versions (form_id, version, sha256, definition, first_seen) VALUES (?1, ?2, ?3, ?4, ?5);
