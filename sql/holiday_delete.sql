DELETE FROM holidays WHERE unit_id = ?1 AND day = ?2;
