SELECT id, file, key_ct, size, at, sender FROM wbs_attachments WHERE report_id = ?1 ORDER BY id;
