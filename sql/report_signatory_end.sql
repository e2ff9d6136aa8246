UPDATE signatories SET valid_to = ?3 WHERE id = ?2 AND unit_id = ?1;
