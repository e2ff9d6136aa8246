SELECT status, COUNT(*) FROM wbs_reports WHERE unit_id = ?1 AND received_date BETWEEN ?2 AND ?3 GROUP BY status;
