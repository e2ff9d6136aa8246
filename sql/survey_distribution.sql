-- How many respondents gave each answer value (1-4) at each position,
-- per form version.
SELECT form_version,
       SUM(a1 = 1), SUM(a1 = 2), SUM(a1 = 3), SUM(a1 = 4),
       SUM(a2 = 1), SUM(a2 = 2), SUM(a2 = 3), SUM(a2 = 4),
       SUM(a3 = 1), SUM(a3 = 2), SUM(a3 = 3), SUM(a3 = 4),
       SUM(a4 = 1), SUM(a4 = 2), SUM(a4 = 3), SUM(a4 = 4),
       SUM(a5 = 1), SUM(a5 = 2), SUM(a5 = 3), SUM(a5 = 4),
       SUM(a6 = 1), SUM(a6 = 2), SUM(a6 = 3), SUM(a6 = 4),
       SUM(a7 = 1), SUM(a7 = 2), SUM(a7 = 3), SUM(a7 = 4),
       SUM(a8 = 1), SUM(a8 = 2), SUM(a8 = 3), SUM(a8 = 4),
       SUM(a9 = 1), SUM(a9 = 2), SUM(a9 = 3), SUM(a9 = 4),
       SUM(a10 = 1), SUM(a10 = 2), SUM(a10 = 3), SUM(a10 = 4),
       SUM(a11 = 1), SUM(a11 = 2), SUM(a11 = 3), SUM(a11 = 4),
       SUM(a12 = 1), SUM(a12 = 2), SUM(a12 = 3), SUM(a12 = 4),
       SUM(a13 = 1), SUM(a13 = 2), SUM(a13 = 3), SUM(a13 = 4),
       SUM(a14 = 1), SUM(a14 = 2), SUM(a14 = 3), SUM(a14 = 4),
       SUM(a15 = 1), SUM(a15 = 2), SUM(a15 = 3), SUM(a15 = 4),
       SUM(a16 = 1), SUM(a16 = 2), SUM(a16 = 3), SUM(a16 = 4)
  FROM survey_responses
 WHERE unit_id = ?1 AND form_id = ?2
   AND local_date BETWEEN ?3 AND ?4
 GROUP BY form_version;
