-- The status history a reporter and an officer see: events that move the
-- status (tags and publications are history for the reports only).
SELECT at, actor, from_status, to_status, note FROM complaint_events WHERE complaint_id = ?1 AND to_status <> '' ORDER BY id;
