INSERT INTO complaint_events (complaint_id, at, actor, from_status, to_status, note, kind, section_id, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
