SELECT channel, COUNT(*), COUNT(lapor_id) FROM complaints
 WHERE unit_id = ?1 AND received_date BETWEEN ?2 AND ?3 GROUP BY channel;
