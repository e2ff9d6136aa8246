INSERT INTO complaints
  (unit_id, tracking, public_id, category_id, class, channel, lapor_id, privacy,
   description, location, incident_date, requested, identity_ct, identity_key,
   access_hash, received_at, received_date, status, status_at, due_date,
   last_activity_at, entered_by, entered_at, source)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
        ?17, 'DITERIMA', ?16, ?18, ?20, ?19, ?20, ?21);
