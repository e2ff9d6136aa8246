INSERT INTO unit_sections (unit_id, code, name) VALUES (?1, ?2, ?3)
ON CONFLICT (unit_id, code) DO UPDATE SET name = excluded.name, active = 1;
