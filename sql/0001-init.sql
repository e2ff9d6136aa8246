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

CREATE TABLE survey_responses (
  id                INTEGER PRIMARY KEY,
  public_id         TEXT NOT NULL UNIQUE,
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
  FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version)
);
CREATE INDEX survey_responses_period
  ON survey_responses (unit_id, form_id, local_date);

CREATE TABLE survey_answers (
  response_id  INTEGER NOT NULL REFERENCES survey_responses(id),
  item         TEXT NOT NULL,                  -- unsur code, e.g. U1
  value        INTEGER NOT NULL CHECK (value BETWEEN 1 AND 4),
  PRIMARY KEY (response_id, item)
) WITHOUT ROWID;

-- Service users in a period (N of Krejcie-Morgan), recorded by the unit.
CREATE TABLE unit_populations (
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  period      TEXT NOT NULL,                   -- 2025, 2025-S1, 2025-Q3
  population  INTEGER NOT NULL CHECK (population > 0),
  PRIMARY KEY (unit_id, period)
) WITHOUT ROWID;
