-- Respondents per service for a unit, form and inclusive local-date range.
SELECT service_id, COUNT(*)
  FROM survey_responses
 WHERE unit_id = ?1 AND form_id = ?2 AND local_date BETWEEN ?3 AND ?4
 GROUP BY service_id;
