INSERT INTO survey_responses
  (public_id, unit_id, form_id, form_version, service_id, submitted_at, local_date,
   gender, age, education, occupation, occupation_other, suggestion)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);
