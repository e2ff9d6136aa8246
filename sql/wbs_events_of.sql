SELECT at, actor, from_status, to_status, note_ct FROM wbs_events WHERE report_id = ?1 ORDER BY id;
