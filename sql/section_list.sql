SELECT id, code, name FROM unit_sections WHERE unit_id = ?1 AND active = 1 ORDER BY name;
