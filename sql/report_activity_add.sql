INSERT INTO unit_activities (unit_id, kind, day, title, place, participants, evidence_ref, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
