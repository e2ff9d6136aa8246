SELECT at, sender, author, body, internal FROM complaint_messages WHERE complaint_id = ?1 AND (?2 OR internal = 0) ORDER BY id;
