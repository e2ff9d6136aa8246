INSERT INTO wbs_events (report_id, at, actor, from_status, to_status, note_ct) VALUES (?1, ?2, ?3, ?4, ?5, ?6);
