SELECT id, at, by, target, reference_ct FROM wbs_forwards WHERE report_id = ?1 ORDER BY id;
