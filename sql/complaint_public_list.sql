-- The public follow-up list: only complaints an officer has published a
-- response for; never an identity, never unapproved text.
SELECT c.tracking, k.name, c.received_date, c.status, c.public_response,
       c.published_at
  FROM complaints c
  JOIN complaint_categories k ON k.id = c.category_id
 WHERE c.unit_id = ?1 AND c.public_response IS NOT NULL
 ORDER BY c.published_at DESC
 LIMIT 200;
