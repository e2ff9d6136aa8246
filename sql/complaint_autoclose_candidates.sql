-- Complaints waiting for the reporter after a follow-up; those whose
-- deadline (last activity + hk_autoclose working days) has passed in the
-- unit's zone are closed by the server.
SELECT c.id, c.tracking, c.unit_id, c.due_date, u.utc_offset_min, u.slug
  FROM complaints c
  JOIN units u ON u.id = c.unit_id
 WHERE c.status = 'DITINDAKLANJUTI' AND c.followed_up_at IS NOT NULL
   AND c.due_date IS NOT NULL;
