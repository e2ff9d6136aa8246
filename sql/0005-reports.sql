-- 0005: what the reports need (REPORTS.md §7): history that can be read
-- "posisi per" a cut-off, the receipt date of offline channels, the unit's
-- document data, narrative slots, the recommendation tracker, survey
-- history and finalised artefacts.

-- Every change a report reads back at a cut-off is an event, written in
-- the same transaction as the current value.  KIND:
--   STATUS       an officer's or the system's status change
--   REPLY        a reporter's reply that moves the status
--   VERDICT      a reporter's verdict (VALUE solved | not_solved), with the
--                status change it causes
--   UNSUR        VALUE the full tag list after the change ("U3,U7")
--   PUBLICATION  VALUE the published text, '' for a withdrawal
--   SECTION      SECTION_ID the section (bidang) a complaint moves to
-- Events that do not move the status (UNSUR, PUBLICATION, SECTION) carry
-- to_status '' and from_status NULL.  A DIDISPOSISI event carries the
-- section it disposes to.
ALTER TABLE complaint_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'STATUS';
ALTER TABLE complaint_events ADD COLUMN section_id INTEGER
  REFERENCES unit_sections(id);
ALTER TABLE complaint_events ADD COLUMN value TEXT;

-- Offline channels: the letter in the box may be dated days before an
-- officer enters it.  received_at/received_date is when the unit received
-- it (deadlines and periods count from it); entered_at is when it was
-- typed in.  SOURCE 'import' marks rows loaded by wadah import.
ALTER TABLE complaints ADD COLUMN entered_at INTEGER;
ALTER TABLE complaints ADD COLUMN source TEXT NOT NULL DEFAULT 'live';
ALTER TABLE wbs_reports ADD COLUMN source TEXT NOT NULL DEFAULT 'live';
-- Survey collection channel (online | kiosk | kertas) and origin.
ALTER TABLE survey_responses ADD COLUMN channel TEXT;
ALTER TABLE survey_responses ADD COLUMN source TEXT NOT NULL DEFAULT 'live';

-- Carry the existing current values over as history.  The section of a
-- disposed complaint goes on its first DIDISPOSISI event; a reporter's
-- verdicts and replies are recognised by the notes the handlers wrote;
-- tags are dated at the complaint's last activity (the latest time they
-- are known to hold) and publications at their own time.
UPDATE complaint_events SET section_id =
  (SELECT c.section_id FROM complaints c WHERE c.id = complaint_events.complaint_id)
 WHERE to_status = 'DIDISPOSISI'
   AND id = (SELECT min(e.id) FROM complaint_events e
              WHERE e.complaint_id = complaint_events.complaint_id
                AND e.to_status = 'DIDISPOSISI');
UPDATE complaint_events SET kind = 'VERDICT', value = 'solved'
 WHERE actor = 'pelapor' AND note = 'Pelapor menyatakan masalah sudah selesai.';
UPDATE complaint_events SET kind = 'VERDICT', value = 'not_solved'
 WHERE actor = 'pelapor' AND note = 'Pelapor menyatakan masalah belum selesai.';
UPDATE complaint_events SET kind = 'REPLY'
 WHERE actor = 'pelapor' AND kind = 'STATUS' AND from_status IS NOT NULL;
INSERT INTO complaint_events (complaint_id, at, actor, from_status, to_status,
                              note, kind, value)
  SELECT id, last_activity_at, 'sistem', NULL, '', '', 'UNSUR', unsur
    FROM complaints WHERE unsur <> '';
INSERT INTO complaint_events (complaint_id, at, actor, from_status, to_status,
                              note, kind, value)
  SELECT id, published_at, COALESCE(published_by, 'sistem'), NULL, '', '',
         'PUBLICATION', public_response
    FROM complaints WHERE public_response IS NOT NULL AND published_at IS NOT NULL;
UPDATE complaints SET entered_at = received_at WHERE entered_at IS NULL;

-- The reports read a unit's complaints by received date (the
-- complaints_received index) with their events in id order
-- (complaint_events_of): no further index, none to pay for on every
-- submission.

-- ---- the unit's document data (REPORTS.md §7.6) ----

-- Kop surat lines (JSON array of strings: the Pemda line, the unit line,
-- address lines), the logo (PNG), the place that dates a letter, the LKE
-- version the unit is evaluated on, and the channel addresses (JSON array
-- of {channel, address}).
CREATE TABLE unit_profiles (
  unit_id      INTEGER PRIMARY KEY REFERENCES units(id),
  kop          TEXT NOT NULL DEFAULT '[]',
  logo         BLOB,
  place        TEXT NOT NULL DEFAULT '',
  lke_version  TEXT NOT NULL DEFAULT '2024',
  channels     TEXT NOT NULL DEFAULT '[]',
  updated_at   INTEGER NOT NULL
);

-- Who signs: ROLE 'kepala' (the head) or 'penyusun' (the preparer, e.g.
-- Ketua Tim Pengelola Pengaduan); chosen by the document date.
CREATE TABLE signatories (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  role        TEXT NOT NULL CHECK (role = 'kepala' OR role = 'penyusun'),
  jabatan     TEXT NOT NULL,
  name        TEXT NOT NULL,
  pangkat     TEXT NOT NULL DEFAULT '',
  nip         TEXT NOT NULL DEFAULT '',     -- 18 digits
  valid_from  TEXT NOT NULL,                -- YYYY-MM-DD
  valid_to    TEXT,                         -- NULL: open
  created_at  INTEGER NOT NULL
);
CREATE INDEX signatories_unit ON signatories (unit_id, role, valid_from);

-- Rapat monev, sosialisasi, ...: what a document reports as activities.
CREATE TABLE unit_activities (
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  kind          TEXT NOT NULL,              -- rapat_monev, rapat_monev_wbs,
                                            -- sosialisasi_wbs, ...
  day           TEXT NOT NULL,              -- YYYY-MM-DD
  title         TEXT NOT NULL,
  place         TEXT NOT NULL DEFAULT '',
  participants  INTEGER,
  evidence_ref  TEXT NOT NULL DEFAULT '',   -- undangan, daftar hadir, notula
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX unit_activities_unit ON unit_activities (unit_id, kind, day);

-- ---- narratives, tracker, history, artefacts ----

-- Narrative slots: every save is a new version; a document uses the
-- newest version at its generation and records which.  Table slots
-- (rekomendasi, kendala, rtl) hold a JSON array of row objects.
CREATE TABLE report_narratives (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  doc       TEXT NOT NULL,
  period    TEXT NOT NULL,
  slot      TEXT NOT NULL,
  version   INTEGER NOT NULL,
  text      TEXT NOT NULL,
  author    TEXT NOT NULL,
  at        INTEGER NOT NULL,
  UNIQUE (unit_id, doc, period, slot, version)
);

CREATE TABLE recommendations (
  id             INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  domain         TEXT NOT NULL CHECK (domain = 'PENGADUAN' OR domain = 'WBS'
                   OR domain = 'SKM' OR domain = 'BK'
                   OR domain = 'GRATIFIKASI' OR domain = 'ZI'),
  source_doc     TEXT NOT NULL,             -- document id, or 'impor'
  source_period  TEXT NOT NULL,
  source_date    TEXT NOT NULL,             -- YYYY-MM-DD
  artifact_id    INTEGER,                   -- the artefact that created it
  unsur          TEXT,                      -- SKM: U1..U9
  finding        TEXT NOT NULL DEFAULT '',
  text           TEXT NOT NULL,
  pic_jabatan    TEXT NOT NULL DEFAULT '',
  pic_name       TEXT,
  target_date    TEXT NOT NULL,             -- YYYY-MM-DD
  indicator      TEXT NOT NULL DEFAULT '',  -- indikator keberhasilan (WBS)
  created_by     TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE INDEX recommendations_unit ON recommendations (unit_id, domain);

CREATE TABLE recommendation_events (
  id               INTEGER PRIMARY KEY,
  rec_id           INTEGER NOT NULL REFERENCES recommendations(id),
  at               INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status = 'RENCANA' OR status = 'PROSES'
                     OR status = 'SELESAI' OR status = 'TIDAK_DILAKSANAKAN'),
  note             TEXT NOT NULL DEFAULT '',
  evidence_ref     TEXT,
  evidence_file    TEXT,
  evidence_sha256  TEXT,
  actor            TEXT NOT NULL
);
CREATE INDEX recommendation_events_of ON recommendation_events (rec_id, id);

-- IKM figures a unit published before it used wadah (for the trend).
CREATE TABLE survey_history (
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  period       TEXT NOT NULL,
  respondents  INTEGER NOT NULL,
  ikm25        REAL NOT NULL,
  nrr          TEXT,                        -- JSON {"U1":3.21,...} or NULL
  source       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_id, period)
) WITHOUT ROWID;

-- Finalised documents: the file, its hash, the parameters and the
-- narrative versions it used.
CREATE TABLE report_artifacts (
  id                  INTEGER PRIMARY KEY,
  unit_id             INTEGER NOT NULL REFERENCES units(id),
  doc                 TEXT NOT NULL,
  period              TEXT NOT NULL,
  variant             TEXT NOT NULL DEFAULT '',
  format              TEXT NOT NULL,
  params              TEXT NOT NULL,        -- JSON
  narrative_versions  TEXT NOT NULL,        -- JSON {slot: version}
  sha256              TEXT NOT NULL,        -- of the file
  model_sha256        TEXT NOT NULL,        -- of the canonical JSON model
  file_name           TEXT NOT NULL,
  content             BLOB NOT NULL,
  created_by          TEXT NOT NULL,
  created_at          INTEGER NOT NULL
);
CREATE INDEX report_artifacts_unit ON report_artifacts (unit_id, period, doc);
