-- Respondents, and the sum and count of answers at each of the 16
-- positions, per form version and service, for a unit, form and inclusive
-- local-date range.  The IKM is computed from these in C.
SELECT form_version, service_id, COUNT(*),
       SUM(a1), COUNT(a1),
       SUM(a2), COUNT(a2),
       SUM(a3), COUNT(a3),
       SUM(a4), COUNT(a4),
       SUM(a5), COUNT(a5),
       SUM(a6), COUNT(a6),
       SUM(a7), COUNT(a7),
       SUM(a8), COUNT(a8),
       SUM(a9), COUNT(a9),
       SUM(a10), COUNT(a10),
       SUM(a11), COUNT(a11),
       SUM(a12), COUNT(a12),
       SUM(a13), COUNT(a13),
       SUM(a14), COUNT(a14),
       SUM(a15), COUNT(a15),
       SUM(a16), COUNT(a16)
  FROM survey_responses
 WHERE unit_id = ?1 AND form_id = ?2
   AND local_date BETWEEN ?3 AND ?4
 GROUP BY form_version, service_id;
