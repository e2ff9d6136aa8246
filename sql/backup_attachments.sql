-- Every attachment file the database references (complaint and WBS
-- evidence, data/attachments/<file>.bin), for backup and restore.
SELECT file FROM complaint_attachments
UNION
SELECT file FROM wbs_attachments
ORDER BY file;
