-- A unit's survey totals for an inclusive local-date range, per form
-- version and service, from the per-day aggregates (0006-survey-days.sql):
-- respondents, then for each answer position 1..16 how many answered
-- 1, 2, 3 and 4.
SELECT form_version, service_id, sum(respondents),
       sum(a1_1), sum(a1_2), sum(a1_3), sum(a1_4),
       sum(a2_1), sum(a2_2), sum(a2_3), sum(a2_4),
       sum(a3_1), sum(a3_2), sum(a3_3), sum(a3_4),
       sum(a4_1), sum(a4_2), sum(a4_3), sum(a4_4),
       sum(a5_1), sum(a5_2), sum(a5_3), sum(a5_4),
       sum(a6_1), sum(a6_2), sum(a6_3), sum(a6_4),
       sum(a7_1), sum(a7_2), sum(a7_3), sum(a7_4),
       sum(a8_1), sum(a8_2), sum(a8_3), sum(a8_4),
       sum(a9_1), sum(a9_2), sum(a9_3), sum(a9_4),
       sum(a10_1), sum(a10_2), sum(a10_3), sum(a10_4),
       sum(a11_1), sum(a11_2), sum(a11_3), sum(a11_4),
       sum(a12_1), sum(a12_2), sum(a12_3), sum(a12_4),
       sum(a13_1), sum(a13_2), sum(a13_3), sum(a13_4),
       sum(a14_1), sum(a14_2), sum(a14_3), sum(a14_4),
       sum(a15_1), sum(a15_2), sum(a15_3), sum(a15_4),
       sum(a16_1), sum(a16_2), sum(a16_3), sum(a16_4)
  FROM survey_days
 WHERE unit_id = ?1 AND form_id = ?2
   AND local_date BETWEEN ?3 AND ?4
 GROUP BY form_version, service_id
 ORDER BY form_version, service_id;
