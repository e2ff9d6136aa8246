-- A unit's WBS reports received in [?2, ?3] (local dates) with every
-- status event, in report and event order (D3 folds them at its cut-off,
-- REPORTS.md §2.5), and per report the messages and identity requests up
-- to the cut-off ?4: non-internal team messages, reporter messages,
-- requests made, approved and refused (a request approved without a
-- custodian carries no decided_at: it was decided when it was made).
WITH r AS (
  SELECT id, lookup, key_team, body_ct, has_identity, received_at,
         received_date, source
    FROM wbs_reports
   WHERE unit_id = ?1 AND received_date BETWEEN ?2 AND ?3),
m AS (
  SELECT report_id,
         sum(sender = 'team' AND internal = 0) AS team,
         sum(sender = 'reporter') AS reporter
    FROM wbs_messages
   WHERE report_id IN (SELECT id FROM r) AND at <= ?4
   GROUP BY report_id),
q AS (
  SELECT report_id,
         sum(requested_at <= ?4) AS diajukan,
         sum(status = 'DISETUJUI'
             AND COALESCE(decided_at, requested_at) <= ?4) AS disetujui,
         sum(status = 'DITOLAK'
             AND COALESCE(decided_at, requested_at) <= ?4) AS ditolak
    FROM wbs_identity_requests
   WHERE report_id IN (SELECT id FROM r)
   GROUP BY report_id)
SELECT r.id, r.lookup, r.key_team, r.body_ct, r.has_identity, r.received_at,
       r.received_date, r.source,
       COALESCE(m.team, 0), COALESCE(m.reporter, 0),
       COALESCE(q.diajukan, 0), COALESCE(q.disetujui, 0),
       COALESCE(q.ditolak, 0),
       e.id, e.at, e.from_status, e.to_status
  FROM r
  LEFT JOIN m ON m.report_id = r.id
  LEFT JOIN q ON q.report_id = r.id
  LEFT JOIN wbs_events e ON e.report_id = r.id
 ORDER BY r.id, e.id;
