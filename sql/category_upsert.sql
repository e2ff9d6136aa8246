INSERT INTO complaint_categories (unit_id, code, name, active, position)
VALUES (?1, ?2, ?3, 1, (SELECT COALESCE(MAX(position), 0) + 1 FROM complaint_categories WHERE unit_id = ?1))
ON CONFLICT (unit_id, code) DO UPDATE SET name = excluded.name, active = 1;
