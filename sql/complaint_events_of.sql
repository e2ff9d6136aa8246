SELECT at, actor, from_status, to_status, note FROM complaint_events WHERE complaint_id = ?1 ORDER BY id;
