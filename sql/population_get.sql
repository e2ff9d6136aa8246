SELECT population FROM unit_populations WHERE unit_id = ?1 AND period = ?2;
