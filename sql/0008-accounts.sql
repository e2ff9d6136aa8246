-- 0008: accounts and attribution (issue 10, findings 4 and 7).

-- How a WBS message's ciphertext is bound to its row.  1: to the report
-- only (associated data "wbs-msg:LOOKUP"), every message written before
-- this migration; 2: also to who sent it, the team member and whether it
-- is an internal note, so a message re-attributed in the database does
-- not open.  Old messages stay 1: re-encrypting them needs the report key,
-- which the server holds only while a holder has a report open, and would
-- certify whatever attribution the row has at that moment.
ALTER TABLE wbs_messages ADD COLUMN seal INTEGER NOT NULL DEFAULT 1;

-- Custodians (issue 10, finding 4: one administrator could reveal a WBS
-- reporter's identity alone by giving an account of their own the
-- custodian role and approving their own request through it).  The role
-- counts only with a row here, and a row is written only by the holder of
-- the unit's recovery key, from the command line, together with a
-- password the administrators do not know; a password reset deletes it.
-- GRANTED_BY is the account that granted it (NULL: the recovery key on the
-- command line); a custodian never decides a request made by that
-- account.  Custodian roles given before this migration (by any admin,
-- through the web) count no more until granted again this way.
CREATE TABLE custodians (
  user_id     INTEGER PRIMARY KEY REFERENCES users(id),
  granted_at  INTEGER NOT NULL,
  granted_by  INTEGER REFERENCES users(id)
);
