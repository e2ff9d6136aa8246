INSERT INTO complaint_messages (complaint_id, at, sender, author, body, internal) VALUES (?1, ?2, ?3, ?4, ?5, ?6);
