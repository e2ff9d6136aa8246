SELECT id, tracking, unit_id, last_activity_at FROM complaints WHERE status = 'DITINDAKLANJUTI' AND followed_up_at IS NOT NULL;
