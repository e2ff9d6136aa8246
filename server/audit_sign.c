/* See audit.h: the audit signing key's file, the signed message of a
   checkpoint, and anchor files.  The key lives outside the data
   directory: whoever holds only the data directory (the database, a
   backup) cannot sign, so cannot make a cut or rewritten chain look
   signed. */
#include "audit.h"
#include "vault.h"
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct audit_key {
  unsigned char *seed;            /* vault_secret_new memory */
  unsigned char pk[32];
};

char *
audit_key_default_path (const char *data_dir)
{
  size_t n = strlen (data_dir);
  while (n > 1 && data_dir[n - 1] == '/')
    n--;
  char *p = malloc (n + sizeof ".audit-key");
  if (p)
    snprintf (p, n + sizeof ".audit-key", "%.*s.audit-key", (int) n,
              data_dir);
  return p;
}

/* PATH made absolute with symbolic links resolved, also when its last part
   does not exist yet. */
static bool
resolve (const char *path, char out[PATH_MAX])
{
  char dir[PATH_MAX], buf[PATH_MAX];
  if (realpath (path, out))
    return true;
  snprintf (buf, sizeof buf, "%s", path);
  char *slash = strrchr (buf, '/');
  const char *base = slash ? slash + 1 : buf;
  if (slash == buf)
    snprintf (dir, sizeof dir, "/");
  else if (slash)
  {
    *slash = '\0';
    snprintf (dir, sizeof dir, "%s", buf);
  }
  else
    snprintf (dir, sizeof dir, ".");
  char real[PATH_MAX];
  if (NULL == realpath (dir, real))
    return false;
  return (size_t) snprintf (out, PATH_MAX, "%s/%s",
                            0 == strcmp (real, "/") ? "" : real, base)
         < PATH_MAX;
}

bool
audit_key_outside (const char *path, const char *data_dir)
{
  char p[PATH_MAX], d[PATH_MAX];
  if (! resolve (path, p) || ! resolve (data_dir, d))
    return false;
  size_t n = strlen (d);
  return ! (0 == strncmp (p, d, n) && (p[n] == '\0' || p[n] == '/'
                                       || 0 == strcmp (d, "/")));
}

static struct audit_key *
key_new (void)
{
  struct audit_key *k = calloc (1, sizeof *k);
  if (k && NULL == (k->seed = vault_secret_new (VAULT_SIGN_SEED_BYTES)))
  {
    free (k);
    k = NULL;
  }
  return k;
}

void
audit_key_free (struct audit_key *k)
{
  if (NULL == k)
    return;
  vault_secret_free (k->seed);
  free (k);
}

const unsigned char *
audit_key_public (const struct audit_key *k)
{
  return k->pk;
}

bool
audit_key_create (const char *path, unsigned char pk[32])
{
  struct audit_key *k = key_new ();
  char text[400], pkh[65], seedh[65];
  if (NULL == k)
    return errno = ENOMEM, false;
  vault_sign_keypair (k->pk, k->seed);
  memcpy (pk, k->pk, 32);
  vault_hex (k->pk, 32, pkh);
  vault_hex (k->seed, 32, seedh);
  int len = snprintf (text, sizeof text,
                      "# wadah audit signing key (Ed25519): it signs the"
                      " audit log's checkpoints.\n"
                      "# Keep it outside the data directory and out of its"
                      " backups; whoever holds it\n"
                      "# can sign a rewritten log.  Its public key is"
                      " printed by 'wadah audit key'.\n"
                      "wadah-audit-key/1\npublic %s\nseed %s\n", pkh, seedh);
  vault_wipe (seedh, sizeof seedh);
  audit_key_free (k);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  bool ok = fd >= 0 && write (fd, text, (size_t) len) == (ssize_t) len
            && 0 == fsync (fd);
  int err = errno;
  vault_wipe (text, sizeof text);
  if (fd >= 0)
  {
    close (fd);
    if (! ok)
      unlink (path);
  }
  errno = err;
  return ok;
}

struct audit_key *
audit_key_load (const char *path, char *why, size_t cap)
{
  char line[256];
  bool magic = false, have_pk = false, have_seed = false;
  unsigned char pk[32];
  FILE *f = fopen (path, "re");
  if (NULL == f)
  {
    snprintf (why, cap, "cannot read %s: %s", path, strerror (errno));
    return NULL;
  }
  struct audit_key *k = key_new ();
  if (NULL == k)
  {
    fclose (f);
    snprintf (why, cap, "out of memory");
    return NULL;
  }
  while (fgets (line, sizeof line, f))
  {
    line[strcspn (line, "\r\n")] = '\0';
    if ('#' == line[0] || '\0' == line[0])
      continue;
    if (0 == strcmp (line, "wadah-audit-key/1"))
      magic = true;
    else if (0 == strncmp (line, "public ", 7))
      have_pk = vault_unhex (line + 7, pk, 32);
    else if (0 == strncmp (line, "seed ", 5))
      have_seed = vault_unhex (line + 5, k->seed, 32);
  }
  vault_wipe (line, sizeof line);
  fclose (f);
  if (! magic || ! have_pk || ! have_seed)
  {
    snprintf (why, cap, "%s is not a wadah audit key file", path);
    audit_key_free (k);
    return NULL;
  }
  vault_sign_public (k->seed, k->pk);
  if (0 != memcmp (k->pk, pk, 32))
  {
    snprintf (why, cap, "%s: its seed does not give its public key", path);
    audit_key_free (k);
    return NULL;
  }
  return k;
}

/* ---- checkpoints ---- */

#define MSG_TAG "wadah-audit-checkpoint/1"
#define MSG_LEN (sizeof MSG_TAG + 16 + 1 + 8 + 8 + 32 + 8)

static void
be64 (unsigned char *p, int64_t v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (unsigned char) ((uint64_t) v >> (56 - 8 * i));
}

/* What is signed: the tag and its NUL, the log id, the chain letter, the
   unit, the count, the head and the time. */
static void
checkpoint_message (const struct audit_checkpoint *cp,
                    const unsigned char log_id[16], unsigned char m[MSG_LEN])
{
  unsigned char *p = m;
  memcpy (p, MSG_TAG, sizeof MSG_TAG);
  p += sizeof MSG_TAG;
  memcpy (p, log_id, 16);
  p += 16;
  *p++ = (unsigned char) cp->chain;
  be64 (p, cp->unit_id);
  be64 (p + 8, cp->count);
  memcpy (p + 16, cp->head, 32);
  be64 (p + 48, cp->at);
}

void
audit_checkpoint_sign (const struct audit_key *k,
                       const unsigned char log_id[16],
                       struct audit_checkpoint *cp)
{
  unsigned char m[MSG_LEN];
  checkpoint_message (cp, log_id, m);
  memcpy (cp->public_key, k->pk, 32);
  vault_sign (k->seed, m, sizeof m, cp->signature);
}

bool
audit_checkpoint_valid (const struct audit_checkpoint *cp,
                        const unsigned char log_id[16],
                        const unsigned char pk[32])
{
  unsigned char m[MSG_LEN];
  checkpoint_message (cp, log_id, m);
  return vault_sign_verify (pk, m, sizeof m, cp->signature);
}

/* ---- anchors ---- */

#define ANCHOR_FORMAT "wadah-audit-anchor/1"

char *
audit_anchor_text (const struct audit_anchor *a)
{
  char log[33], head[65], pk[65], sig[129], when[48];
  const struct audit_checkpoint *cp = &a->cp;
  vault_hex (a->log_id, 16, log);
  vault_hex (cp->head, 32, head);
  vault_hex (cp->public_key, 32, pk);
  vault_hex (cp->signature, 64, sig);
  audit_time_text (cp->at, 0, when, sizeof when);
  json_t *j = json_pack ("{s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:s, s:s,"
                         " s:s}", "format", ANCHOR_FORMAT, "log", log,
                         "chain", AUDIT_CHAIN_GLOBAL == cp->chain ? "global"
                         : "unit", "unit", (json_int_t) cp->unit_id, "count",
                         (json_int_t) cp->count, "head", head, "at",
                         (json_int_t) cp->at, "time", when, "public_key", pk,
                         "signature", sig);
  if (NULL == j)
    return NULL;
  if (a->unit_slug[0])
    json_object_set_new (j, "unit_slug", json_string (a->unit_slug));
  char *s = json_dumps (j, JSON_PRESERVE_ORDER | JSON_COMPACT);
  json_decref (j);
  if (NULL == s)
    return NULL;
  size_t n = strlen (s);
  char *t = realloc (s, n + 2);
  if (NULL == t)
  {
    free (s);
    return NULL;
  }
  t[n] = '\n';
  t[n + 1] = '\0';
  return t;
}

static bool
hex_field (json_t *j, const char *key, void *out, size_t len)
{
  return vault_unhex (json_string_value (json_object_get (j, key)), out, len);
}

bool
audit_anchor_parse (const char *text, struct audit_anchor *a, char *why,
                    size_t cap)
{
  static const char *const keys[] = { "format", "log", "chain", "unit",
                                      "count", "head", "at", "time",
                                      "public_key", "signature",
                                      "unit_slug" };
  json_error_t err;
  memset (a, 0, sizeof *a);
  json_t *j = json_loads (text, JSON_REJECT_DUPLICATES, &err);
  if (! json_is_object (j))
  {
    snprintf (why, cap, "not JSON (%s)", j ? "not an object" : err.text);
    json_decref (j);
    return false;
  }
  const char *key;
  json_t *val;
  json_object_foreach (j, key, val)
  {
    bool known = false;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
      known |= 0 == strcmp (key, keys[i]);
    if (! known)
    {
      snprintf (why, cap, "unknown key \"%s\"", key);
      json_decref (j);
      return false;
    }
  }
  const char *format = json_string_value (json_object_get (j, "format"));
  const char *chain = json_string_value (json_object_get (j, "chain"));
  const char *slug = json_string_value (json_object_get (j, "unit_slug"));
  json_t *unit = json_object_get (j, "unit"), *count = json_object_get (j,
                                                                       "count");
  json_t *at = json_object_get (j, "at");
  bool ok = true;
  if (NULL == format || 0 != strcmp (format, ANCHOR_FORMAT))
    ok = false, snprintf (why, cap, "format is not " ANCHOR_FORMAT);
  else if (NULL == chain || (strcmp (chain, "global")
                             && strcmp (chain, "unit")))
    ok = false, snprintf (why, cap, "chain must be global or unit");
  else if (! json_is_integer (unit) || ! json_is_integer (count)
           || ! json_is_integer (at) || json_integer_value (count) < 1
           || json_integer_value (unit) < 0)
    ok = false, snprintf (why, cap, "unit, count and at must be integers");
  else if (! hex_field (j, "log", a->log_id, 16)
           || ! hex_field (j, "head", a->cp.head, 32)
           || ! hex_field (j, "public_key", a->cp.public_key, 32)
           || ! hex_field (j, "signature", a->cp.signature, 64))
    ok = false, snprintf (why, cap, "log, head, public_key and signature"
                          " must be hex of 16, 32, 32 and 64 bytes");
  else
  {
    a->cp.chain = 0 == strcmp (chain, "global") ? AUDIT_CHAIN_GLOBAL
                  : AUDIT_CHAIN_UNIT;
    a->cp.unit_id = json_integer_value (unit);
    a->cp.count = json_integer_value (count);
    a->cp.at = json_integer_value (at);
    snprintf (a->unit_slug, sizeof a->unit_slug, "%s", slug ? slug : "");
  }
  json_decref (j);
  return ok;
}
