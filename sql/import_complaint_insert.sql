-- A complaint loaded by wadah import: given tracking number, its final
-- state (rebuilt from the imported history), source 'import'.
INSERT INTO complaints
  (unit_id, tracking, public_id, category_id, class, channel, lapor_id, privacy,
   description, location, incident_date, requested, identity_ct, identity_key,
   access_hash, received_at, received_date, status, status_at, due_date,
   section_id, unsur, last_activity_at, reporter_verdict, public_response,
   published_by, published_at, entered_at, source)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
        ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?16, 'import');
