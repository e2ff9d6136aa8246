SELECT id FROM unit_sections WHERE unit_id = ?1 AND code = ?2 AND active = 1;
