-- Every response of a unit and form in an inclusive local-date range,
-- with its answers, for one aggregate pass in C (store_survey_aggregate).
-- No GROUP BY: grouping a million rows by version and service needs a
-- temporary b-tree that cost four times the scan itself.
SELECT form_version, service_id, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10,
       a11, a12, a13, a14, a15, a16
  FROM survey_responses
 WHERE unit_id = ?1 AND form_id = ?2
   AND local_date BETWEEN ?3 AND ?4;
