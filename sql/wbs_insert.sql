INSERT INTO wbs_reports (unit_id, lookup, secret_hash, reporter_salt, key_team, key_reporter, body_ct, has_identity, status_at, received_at, received_date, due_date, last_activity_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?9);
