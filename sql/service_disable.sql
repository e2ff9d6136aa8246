UPDATE services SET active = 0 WHERE unit_id = ?1 AND code = ?2;
