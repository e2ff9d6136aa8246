-- 0007: the audit log gets a chain per unit, an id of its own and signed
-- checkpoints of its heads (issue 10, finding 3).
--
-- A chain alone proves nothing to whoever holds the file: they can cut its
-- tail, or delete an entry and recompute every hash after it.  So the
-- server signs, now and then and at shutdown, the head of each chain
-- (count and hash) with an Ed25519 key kept outside the data directory,
-- and writes those checkpoints here.  `wadah audit verify` checks the
-- chains against them and against an anchor exported earlier
-- (`wadah audit anchor`); see server/audit.h.
--
-- The unit chain links a unit's entries only, so that a unit's own audit
-- page can check its chain without reading the other units' entries:
--   unit_hash(k) = BLAKE2b-256 of the length-prefixed parts
--                  ('wadah-audit-unit/1', unit_hash(k-1), unit, k, hash)
-- for the k-th entry (unit_seq k) of a unit (0 for entries of no unit),
-- unit_hash(0) = 32 zero bytes.  The global chain (prev_hash, hash) stays
-- as it was and still links every entry.  wadah_hash_parts is the store's
-- SQL function for vault_hash_parts (integers as decimal text).

ALTER TABLE audit_log ADD COLUMN unit_seq INTEGER;
ALTER TABLE audit_log ADD COLUMN unit_prev_hash BLOB;
ALTER TABLE audit_log ADD COLUMN unit_hash BLOB;

-- Existing entries: number them per unit, then chain them per unit in
-- order (a recursive walk, one indexed step per entry).
CREATE TABLE audit_unit_fill AS
  SELECT id, coalesce(unit_id, 0) AS u,
         row_number () OVER (PARTITION BY coalesce(unit_id, 0) ORDER BY id)
           AS n,
         hash
    FROM audit_log;
CREATE UNIQUE INDEX audit_unit_fill_un ON audit_unit_fill (u, n);

DROP TRIGGER audit_log_no_update;
WITH RECURSIVE ch (id, u, n, prev, h) AS (
  SELECT id, u, n, zeroblob(32),
         wadah_hash_parts ('wadah-audit-unit/1', zeroblob(32), u, n, hash)
    FROM audit_unit_fill WHERE n = 1
  UNION ALL
  SELECT f.id, f.u, f.n, ch.h,
         wadah_hash_parts ('wadah-audit-unit/1', ch.h, f.u, f.n, f.hash)
    FROM ch JOIN audit_unit_fill f ON f.u = ch.u AND f.n = ch.n + 1
)
UPDATE audit_log SET unit_seq = ch.n, unit_prev_hash = ch.prev,
                     unit_hash = ch.h
  FROM ch WHERE audit_log.id = ch.id;
DROP TABLE audit_unit_fill;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;

-- A unit's chain in order, and its head.
CREATE INDEX audit_log_unit_seq ON audit_log (unit_id, unit_seq);

-- The log's own random id: every signature names it, so a checkpoint or
-- an anchor cannot be carried over to another installation's log.
CREATE TABLE audit_meta (
  one         INTEGER PRIMARY KEY CHECK (one = 1),
  log_id      BLOB NOT NULL,
  created_at  INTEGER NOT NULL
);
INSERT INTO audit_meta VALUES (1, randomblob(16), CAST(strftime('%s', 'now') AS INTEGER));

-- Signed heads.  chain 'g': the global chain, count = id of its last
-- entry, head = that entry's hash, unit_id 0.  chain 'u': the chain of
-- unit_id (0: entries of no unit), count = unit_seq of its last entry,
-- head = its unit_hash.  signature = Ed25519 over the message of
-- audit_checkpoint_message (server/audit_sign.c): the log id, chain,
-- unit, count, head and time.  public_key names the key that signed; a
-- verifier trusts only the key it is given, never this column.
CREATE TABLE audit_checkpoints (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  chain       TEXT NOT NULL CHECK (chain = 'g' OR chain = 'u'),
  unit_id     INTEGER NOT NULL DEFAULT 0,
  count       INTEGER NOT NULL CHECK (count > 0),
  head        BLOB NOT NULL,
  public_key  BLOB NOT NULL,
  signature   BLOB NOT NULL
);
CREATE INDEX audit_checkpoints_chain ON audit_checkpoints (chain, unit_id, count);

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE (ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE (ABORT, 'audit checkpoints are append-only'); END;
