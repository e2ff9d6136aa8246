SELECT c.id, c.tracking, c.public_id, k.code, k.name, c.class, c.channel,
       c.lapor_id, c.privacy, c.description, c.location, c.incident_date,
       c.requested, c.identity_ct, c.identity_key, c.access_hash,
       c.received_at, c.received_date, c.status, c.status_at, c.due_date,
       s.code, s.name, c.unsur, c.followed_up_at, c.last_activity_at,
       c.reporter_verdict, c.public_response, c.published_by, c.published_at,
       c.entered_by
  FROM complaints c
  JOIN complaint_categories k ON k.id = c.category_id
  LEFT JOIN unit_sections s ON s.id = c.section_id
 WHERE c.unit_id = ?1 AND c.tracking = ?2;
