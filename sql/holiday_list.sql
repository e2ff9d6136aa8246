SELECT day, name, kind, unit_id FROM holidays WHERE unit_id IN (0, ?1) ORDER BY day;
