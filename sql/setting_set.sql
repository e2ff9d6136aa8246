INSERT INTO unit_settings (unit_id, key, value) VALUES (?1, ?2, ?3)
ON CONFLICT (unit_id, key) DO UPDATE SET value = excluded.value;
