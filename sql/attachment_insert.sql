INSERT INTO complaint_attachments (complaint_id, file, mime, size, sealed_key, at, sender) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
