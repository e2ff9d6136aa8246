-- 0002: staff key pairs, unit key pairs and their grants, the audit log.

-- A user's X25519 key pair: the secret half wrapped (XChaCha20-Poly1305)
-- under Argon2id(password, key_salt).  TOTP secrets are sealed to the
-- user's public key, so only a logged-in user's unlocked key opens them.
ALTER TABLE users ADD COLUMN public_key BLOB;
ALTER TABLE users ADD COLUMN key_salt BLOB;
ALTER TABLE users ADD COLUMN key_wrapped BLOB;
ALTER TABLE users ADD COLUMN totp_sealed BLOB;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at INTEGER;

-- The unit's key pairs: "identity" (complaint reporter identities and
-- attachments) and "wbs" (everything in a WBS report).  The secret halves
-- exist only sealed to granted users and wrapped under the recovery key.
CREATE TABLE unit_keys (
  unit_id           INTEGER NOT NULL REFERENCES units(id),
  kind              TEXT NOT NULL CHECK (kind IN ('identity', 'wbs')),
  public_key        BLOB NOT NULL,
  recovery_wrapped  BLOB NOT NULL,
  created_at        INTEGER NOT NULL,
  PRIMARY KEY (unit_id, kind)
) WITHOUT ROWID;

CREATE TABLE key_grants (
  unit_id     INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  sealed      BLOB NOT NULL,          -- crypto_box_seal(unit sk, user pk)
  granted_by  INTEGER REFERENCES users(id),   -- NULL: the recovery key
  granted_at  INTEGER NOT NULL,
  PRIMARY KEY (unit_id, kind, user_id),
  FOREIGN KEY (unit_id, kind) REFERENCES unit_keys (unit_id, kind)
) WITHOUT ROWID;

-- Append-only, hash-chained: hash = BLAKE2b(prev_hash, id, at, unit,
-- actor, action, object, detail).  The triggers stop accidents; the chain
-- (wadah audit verify) detects deliberate edits.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  unit_id    INTEGER,
  actor      TEXT NOT NULL,           -- user name, "-" for anonymous
  action     TEXT NOT NULL,
  object     TEXT NOT NULL DEFAULT '',
  detail     TEXT NOT NULL DEFAULT '',
  prev_hash  BLOB NOT NULL,
  hash       BLOB NOT NULL
);
CREATE INDEX audit_log_unit ON audit_log (unit_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;
