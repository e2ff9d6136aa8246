INSERT INTO survey_history (unit_id, period, respondents, ikm25, nrr, source)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (unit_id, period) DO UPDATE SET respondents = excluded.respondents,
  ikm25 = excluded.ikm25, nrr = excluded.nrr, source = excluded.source;
