INSERT INTO recommendation_events (rec_id, at, status, note, evidence_ref, actor)
VALUES (?1, ?2, ?3, ?4, ?5, ?6);
