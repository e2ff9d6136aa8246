INSERT INTO wbs_messages (report_id, at, sender, author, body_ct, internal) VALUES (?1, ?2, ?3, ?4, ?5, ?6);
