-- Sum and count of answers per item (unsur) and service for a unit, form
-- and inclusive local-date range; the IKM is computed from these in C.
SELECT r.service_id, a.item, SUM(a.value), COUNT(*)
  FROM survey_responses r
  JOIN survey_answers a ON a.response_id = r.id
 WHERE r.unit_id = ?1 AND r.form_id = ?2
   AND r.local_date BETWEEN ?3 AND ?4
 GROUP BY r.service_id, a.item;
