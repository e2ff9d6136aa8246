INSERT INTO wbs_forwards (report_id, at, target, by, reference_ct) VALUES (?1, ?2, ?3, ?4, ?5);
