-- 0001: units, their service types, staff, form versions, the survey.
-- Every row belongs to a unit: one deployment serves many offices.

CREATE TABLE units (
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  utc_offset_min INTEGER NOT NULL DEFAULT 420,   -- WIB +07:00
  created_at     INTEGER NOT NULL
);

CREATE TABLE services (
  id        INTEGER PRIMARY KEY,
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  code      TEXT NOT NULL,
  name      TEXT NOT NULL,
  active    INTEGER NOT NULL DEFAULT 1,
  position  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (unit_id, code)
);

CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  username    TEXT NOT NULL,
  pw_hash     TEXT NOT NULL,                   -- crypto_pwhash_str (Argon2id)
  disabled    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  UNIQUE (unit_id, username)
);

CREATE TABLE user_roles (
  user_id  INTEGER NOT NULL REFERENCES users(id),
  role     TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

-- Every form definition the server has ever served, so an old answer
-- always renders against the form its respondent saw.
CREATE TABLE form_versions (
  form_id     TEXT NOT NULL,
  version     INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  definition  TEXT NOT NULL,
  first_seen  INTEGER NOT NULL,
  PRIMARY KEY (form_id, version)
) WITHOUT ROWID;

-- One row per response.  The answers sit in a1..a16: position n is the
-- n-th scale question of the form version the respondent saw (the SKM uses
-- a1..a9 for U1..U9).  One row instead of one per answer keeps the durable
-- write path to a single insert and lets the IKM be summed in one pass.
CREATE TABLE survey_responses (
  id                INTEGER PRIMARY KEY,
  public_id         TEXT NOT NULL,             -- 128 bits, time-ordered (vault.h);
                                               -- never looked up, so no index
  unit_id           INTEGER NOT NULL REFERENCES units(id),
  form_id           TEXT NOT NULL,
  form_version      INTEGER NOT NULL,
  service_id        INTEGER NOT NULL REFERENCES services(id),
  submitted_at      INTEGER NOT NULL,          -- Unix seconds
  local_date        TEXT NOT NULL,             -- YYYY-MM-DD in the unit's zone
  gender            TEXT,
  age               INTEGER,
  education         TEXT,
  occupation        TEXT,
  occupation_other  TEXT,
  suggestion        TEXT,
  a1               INTEGER CHECK (a1 BETWEEN 1 AND 4),
  a2               INTEGER CHECK (a2 BETWEEN 1 AND 4),
  a3               INTEGER CHECK (a3 BETWEEN 1 AND 4),
  a4               INTEGER CHECK (a4 BETWEEN 1 AND 4),
  a5               INTEGER CHECK (a5 BETWEEN 1 AND 4),
  a6               INTEGER CHECK (a6 BETWEEN 1 AND 4),
  a7               INTEGER CHECK (a7 BETWEEN 1 AND 4),
  a8               INTEGER CHECK (a8 BETWEEN 1 AND 4),
  a9               INTEGER CHECK (a9 BETWEEN 1 AND 4),
  a10              INTEGER CHECK (a10 BETWEEN 1 AND 4),
  a11              INTEGER CHECK (a11 BETWEEN 1 AND 4),
  a12              INTEGER CHECK (a12 BETWEEN 1 AND 4),
  a13              INTEGER CHECK (a13 BETWEEN 1 AND 4),
  a14              INTEGER CHECK (a14 BETWEEN 1 AND 4),
  a15              INTEGER CHECK (a15 BETWEEN 1 AND 4),
  a16              INTEGER CHECK (a16 BETWEEN 1 AND 4),
  FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version)
);
CREATE INDEX survey_responses_period
  ON survey_responses (unit_id, form_id, local_date);

-- Service users in a period (N of Krejcie-Morgan), recorded by the unit.
CREATE TABLE unit_populations (
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  period      TEXT NOT NULL,                   -- 2025, 2025-S1, 2025-Q3
  population  INTEGER NOT NULL CHECK (population > 0),
  PRIMARY KEY (unit_id, period)
) WITHOUT ROWID;
