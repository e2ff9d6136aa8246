-- A unit's complaints received in [?2, ?3] (local dates) with every event,
-- each complaint's rows together and its events in order; the reports fold
-- them at their cut-off (REPORTS.md §2.1) and sort the folds themselves.
-- The order is the one of the indexes complaints_received and
-- complaint_events_of: no sort of 300,000 rows in a temporary B-tree.
SELECT c.id, c.tracking, c.received_at, c.received_date, c.channel, c.class,
       c.category_id, c.privacy, c.lapor_id, c.source,
       e.id, e.at, e.kind, e.from_status, e.to_status, e.section_id, e.actor,
       e.value
  FROM complaints c
  LEFT JOIN complaint_events e ON e.complaint_id = c.id
 WHERE c.unit_id = ?1 AND c.received_date BETWEEN ?2 AND ?3
 ORDER BY c.received_date, c.id, e.id;
