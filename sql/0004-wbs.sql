-- 0004: whistleblowing (WBS), DOMAIN.md §4 and §7.
--
-- Everything a reporter says is encrypted under a per-report key: the
-- answers and identity (body_ct), every message and team note, every file.
-- The report key is stored twice: sealed to the unit's WBS key (the team)
-- and wrapped under a key derived from the receipt's secret (the
-- reporter).  What stays in clear is what the workflow needs: status,
-- dates, whether an identity was given.  No address or browser data of the
-- reporter is stored anywhere.

CREATE TABLE wbs_reports (
  id               INTEGER PRIMARY KEY,
  unit_id          INTEGER NOT NULL REFERENCES units(id),
  lookup           TEXT NOT NULL UNIQUE,   -- public part of the receipt
  secret_hash      TEXT NOT NULL,          -- Argon2id of the secret part
  reporter_salt    BLOB NOT NULL,          -- for the reporter's key
  key_team         BLOB NOT NULL,          -- report key sealed to the WBS key
  key_reporter     BLOB NOT NULL,          -- report key wrapped for the reporter
  body_ct          BLOB NOT NULL,
  has_identity     INTEGER NOT NULL DEFAULT 0,
  status           TEXT NOT NULL DEFAULT 'DITERIMA',
  status_at        INTEGER NOT NULL,
  received_at      INTEGER NOT NULL,
  received_date    TEXT NOT NULL,
  due_date         TEXT,
  last_activity_at INTEGER NOT NULL
);
CREATE INDEX wbs_reports_unit ON wbs_reports (unit_id, status, received_date);

CREATE TABLE wbs_events (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER NOT NULL REFERENCES wbs_reports(id),
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT NOT NULL,
  note_ct     BLOB                        -- encrypted under the report key
);
CREATE INDEX wbs_events_of ON wbs_events (report_id, id);

CREATE TABLE wbs_messages (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER NOT NULL REFERENCES wbs_reports(id),
  at          INTEGER NOT NULL,
  sender      TEXT NOT NULL CHECK (sender IN ('team', 'reporter')),
  author      TEXT,                       -- team member's user name
  body_ct     BLOB NOT NULL,
  internal    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX wbs_messages_of ON wbs_messages (report_id, id);

-- Files: content and name encrypted under a file key; the file key
-- encrypted under the report key.
CREATE TABLE wbs_attachments (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER NOT NULL REFERENCES wbs_reports(id),
  file        TEXT NOT NULL UNIQUE,
  key_ct      BLOB NOT NULL,
  size        INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  sender      TEXT NOT NULL
);

-- Forwarding to APIP or APH/KPK, with the outside reference (encrypted).
CREATE TABLE wbs_forwards (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER NOT NULL REFERENCES wbs_reports(id),
  at          INTEGER NOT NULL,
  target      TEXT NOT NULL CHECK (target IN ('APIP', 'APH_KPK')),
  by          TEXT NOT NULL,
  reference_ct BLOB
);

-- Seeing a reporter's identity: requested with a reason, approved by a
-- custodian when the unit requires it (setting wbs_identity_approval).
CREATE TABLE wbs_identity_requests (
  id            INTEGER PRIMARY KEY,
  report_id     INTEGER NOT NULL REFERENCES wbs_reports(id),
  requested_by  TEXT NOT NULL,
  reason_ct     BLOB NOT NULL,
  requested_at  INTEGER NOT NULL,
  decided_by    TEXT,
  decided_at    INTEGER,
  status        TEXT NOT NULL DEFAULT 'MENUNGGU'
                  CHECK (status IN ('MENUNGGU', 'DISETUJUI', 'DITOLAK'))
);
