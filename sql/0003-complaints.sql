-- 0003: public complaints (pengaduan masyarakat), DOMAIN.md §3.

-- What a unit configures: categories, sections (bidang) to dispose to,
-- response templates, working-day deadlines and its holiday calendar.
CREATE TABLE complaint_categories (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  code      TEXT NOT NULL,
  name      TEXT NOT NULL,
  active    INTEGER NOT NULL DEFAULT 1,
  position  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (unit_id, code)
);

CREATE TABLE unit_sections (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  code      TEXT NOT NULL,
  name      TEXT NOT NULL,
  active    INTEGER NOT NULL DEFAULT 1,
  UNIQUE (unit_id, code)
);

CREATE TABLE response_templates (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  title     TEXT NOT NULL,
  body      TEXT NOT NULL
);

-- Settings by key (hk_verify, hk_followup, hk_autoclose, rahasia_roles).
CREATE TABLE unit_settings (
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (unit_id, key)
) WITHOUT ROWID;

-- Days that are not working days besides weekends: national holidays and
-- cuti bersama (unit_id 0, from forms/holidays.json) and a unit's regional
-- holidays.
CREATE TABLE holidays (
  unit_id  INTEGER NOT NULL DEFAULT 0,
  day      TEXT NOT NULL,                  -- YYYY-MM-DD
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL,                  -- libur_nasional, cuti_bersama, daerah
  PRIMARY KEY (unit_id, day)
) WITHOUT ROWID;

-- Tracking numbers ADU-YYYY-NNNNNN are sequential per unit and year.
CREATE TABLE complaint_sequences (
  unit_id  INTEGER NOT NULL,
  year     INTEGER NOT NULL,
  last     INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year)
) WITHOUT ROWID;

CREATE TABLE complaints (
  id                 INTEGER PRIMARY KEY,
  unit_id            INTEGER NOT NULL REFERENCES units(id),
  tracking           TEXT NOT NULL,
  public_id          TEXT NOT NULL UNIQUE,   -- associated data of the seal
  category_id        INTEGER NOT NULL REFERENCES complaint_categories(id),
  -- Allowed values as OR chains, not IN lists: SQLite checks an IN list
  -- of more than two constants through a temporary b-tree built on every
  -- insert, which was a third of the writer's time per complaint.
  class              TEXT NOT NULL CHECK (class = 'PENGADUAN'
                       OR class = 'ASPIRASI'
                       OR class = 'PERMINTAAN_INFORMASI'),
  channel            TEXT NOT NULL CHECK (channel = 'WEBSITE'
                       OR channel = 'SP4N_LAPOR' OR channel = 'WHATSAPP'
                       OR channel = 'EMAIL' OR channel = 'MEDSOS'
                       OR channel = 'KOTAK' OR channel = 'LANGSUNG'
                       OR channel = 'TELEPON'),
  lapor_id           TEXT,                   -- SP4N-LAPOR! tracking id
  privacy            TEXT NOT NULL CHECK (privacy = 'biasa'
                       OR privacy = 'rahasia' OR privacy = 'anonim'),
  description        TEXT NOT NULL,
  location           TEXT,
  incident_date      TEXT,
  requested          TEXT,
  -- The reporter's identity: JSON sealed under a record key, which is
  -- sealed to the unit's identity key (NULL for anonim).
  identity_ct        BLOB,
  identity_key       BLOB,
  access_hash        TEXT NOT NULL,          -- Argon2id of the access code
  received_at        INTEGER NOT NULL,
  received_date      TEXT NOT NULL,          -- local date
  status             TEXT NOT NULL,
  status_at          INTEGER NOT NULL,
  due_date           TEXT,                   -- deadline of the current stage
  section_id         INTEGER REFERENCES unit_sections(id),
  unsur              TEXT NOT NULL DEFAULT '',   -- "U3,U7": SKM unsur concerned
  followed_up_at     INTEGER,                -- first officer follow-up reply
  last_activity_at   INTEGER NOT NULL,
  reporter_verdict   TEXT,                   -- 'solved' / 'not_solved'
  public_response    TEXT,                   -- approved for the public page
  published_by       TEXT,
  published_at       INTEGER,
  entered_by         TEXT,                   -- officer who entered it, if any
  UNIQUE (unit_id, tracking)
);
CREATE INDEX complaints_queue ON complaints (unit_id, status, due_date);
CREATE INDEX complaints_received ON complaints (unit_id, received_date);

-- Every status change, time-stamped and attributed.
CREATE TABLE complaint_events (
  id            INTEGER PRIMARY KEY,
  complaint_id  INTEGER NOT NULL REFERENCES complaints(id),
  at            INTEGER NOT NULL,
  actor         TEXT NOT NULL,               -- user name, 'pelapor', 'sistem'
  from_status   TEXT,
  to_status     TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_events_of ON complaint_events (complaint_id, id);

-- Messages between officers and the reporter (the reporter sees these),
-- and internal notes (the reporter never does).
CREATE TABLE complaint_messages (
  id            INTEGER PRIMARY KEY,
  complaint_id  INTEGER NOT NULL REFERENCES complaints(id),
  at            INTEGER NOT NULL,
  sender        TEXT NOT NULL CHECK (sender IN ('officer', 'reporter')),
  author        TEXT,                        -- officer user name
  body          TEXT NOT NULL,
  internal      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX complaint_messages_of ON complaint_messages (complaint_id, id);

-- Files are stored encrypted under data/attachments/<random name>: the
-- original name and the content, under a per-file key sealed to the unit's
-- identity key.
CREATE TABLE complaint_attachments (
  id            INTEGER PRIMARY KEY,
  complaint_id  INTEGER NOT NULL REFERENCES complaints(id),
  file          TEXT NOT NULL UNIQUE,
  mime          TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sealed_key    BLOB NOT NULL,               -- file key sealed to the unit
  at            INTEGER NOT NULL,
  sender        TEXT NOT NULL
);
