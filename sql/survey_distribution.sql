-- How many respondents gave each answer value to each item.
SELECT a.item, a.value, COUNT(*)
  FROM survey_responses r
  JOIN survey_answers a ON a.response_id = r.id
 WHERE r.unit_id = ?1 AND r.form_id = ?2
   AND r.local_date BETWEEN ?3 AND ?4
 GROUP BY a.item, a.value;
