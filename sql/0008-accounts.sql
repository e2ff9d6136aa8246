-- 0008: accounts and attribution (issue 10, findings 4 and 7).

-- How a WBS message's ciphertext is bound to its row.  1: to the report
-- only (associated data "wbs-msg:LOOKUP"), every message written before
-- this migration; 2: also to who sent it, the team member and whether it
-- is an internal note, so a message re-attributed in the database does
-- not open.  Old messages stay 1: re-encrypting them needs the report key,
-- which the server holds only while a holder has a report open, and would
-- certify whatever attribution the row has at that moment.
ALTER TABLE wbs_messages ADD COLUMN seal INTEGER NOT NULL DEFAULT 1;
