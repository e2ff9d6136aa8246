SELECT id FROM complaint_categories WHERE unit_id = ?1 AND code = ?2 AND active = 1;
