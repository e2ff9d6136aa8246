INSERT INTO survey_responses
  (public_id, unit_id, form_id, form_version, service_id, submitted_at, local_date,
   gender, age, education, occupation, occupation_other, suggestion,
   a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16,
   channel, source)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
   ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29,
   ?30, COALESCE(?31, 'live'));
