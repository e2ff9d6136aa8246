SELECT id, file, mime, size, sealed_key, at, sender FROM complaint_attachments WHERE complaint_id = ?1 ORDER BY id;
