INSERT INTO recommendation_events (rec_id, at, status, note, evidence_ref, actor)
SELECT ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS
  (SELECT 1 FROM recommendations WHERE id = ?2 AND unit_id = ?1);
