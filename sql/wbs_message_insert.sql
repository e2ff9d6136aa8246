INSERT INTO wbs_messages (report_id, at, sender, author, body_ct, internal, seal) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
