SELECT id, at, sender, author, body_ct, internal, seal FROM wbs_messages WHERE report_id = ?1 AND (?2 OR internal = 0) ORDER BY id;
