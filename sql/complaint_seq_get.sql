SELECT last FROM complaint_sequences WHERE unit_id = ?1 AND year = ?2;
