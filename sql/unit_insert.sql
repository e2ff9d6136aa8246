INSERT INTO units (slug, name, utc_offset_min, created_at) VALUES (?1, ?2, ?3, ?4);
