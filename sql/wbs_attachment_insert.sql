INSERT INTO wbs_attachments (report_id, file, key_ct, size, at, sender) VALUES (?1, ?2, ?3, ?4, ?5, ?6);
