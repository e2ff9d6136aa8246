INSERT INTO survey_answers (response_id, item, value) VALUES (?1, ?2, ?3);
