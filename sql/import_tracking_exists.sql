SELECT 1 FROM complaints WHERE unit_id = ?1 AND tracking = ?2;
