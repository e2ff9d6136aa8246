/*
 * wadah import (import.h): reading and checking a "wadah-import/1" file,
 * preparing its records as the live intake would, and writing them in one
 * transaction.  The CLI around it is cli_import.c; the SQL it needs beyond
 * the live paths is in store_import.c.
 *
 * Decisions the format leaves to the loader (REPORTS.md §7.5):
 *
 * - Codes.  A complaint category, a section (bidang) or a survey service
 *   type the unit does not have (active) is refused with an error naming
 *   the code; nothing is created.  Categories come with the unit
 *   (forms/complaint-categories.txt), sections and services are added with
 *   `wadah unit section|service add` before the import.
 * - Histories are lifecycle paths.  Each status-moving event's "from" must
 *   be the status before it, and FROM -> TO must be an arrow of the
 *   lifecycle (complaint_status.h, wbs.h) for whoever takes it: REPLY and
 *   VERDICT events are the reporter's; a STATUS event is the reporter's
 *   when its actor is "pelapor", the system's when "sistem", an officer's
 *   otherwise.  A VERDICT with from/to moves the complaint ("solved" to
 *   SELESAI, "not_solved" to DITINDAKLANJUTI); without them it is only
 *   recorded, on a complaint that is DITINDAKLANJUTI or SELESAI.  A
 *   DIDISPOSISI carries its section, as in the live queue.  Times within
 *   a record's events (and within its publications, messages, ...) never
 *   go backwards and never precede the receipt.
 * - Access codes and receipts.  Every imported complaint gets a fresh
 *   random access code and every WBS report a fresh receipt; only their
 *   hashes (and, for WBS, the report key wrapped under the receipt) are
 *   stored and the codes themselves are forgotten at once, so nobody can
 *   open an imported record as its reporter.  The team and the officers
 *   work on them as on live ones.
 * - Identities.  A complaint's "reporter" (API.md fields) is optional for
 *   "biasa" and "rahasia" (registers often hold no contact) and refused for
 *   "anonim"; a WBS report's "reported" and "reporter" are optional too.
 *   Both are sealed with the unit's public keys by the live functions
 *   (complaint_seal_identity, wbs_report_key_new, wbs_encrypt_json).  WBS
 *   messages and identity-request reasons the file does not carry are
 *   stored as the sealed placeholder "(diimpor)".  Imported identity
 *   requests are made and decided by "(impor)", which is no user name, so
 *   that an import can never grant anybody a view of an identity.
 * - Imported complaints have no follow-up message (followed_up_at NULL):
 *   the server never closes them on its own; officers carry on with them.
 * - Survey responses go through forms/skm.json as the live survey does.
 *   The only leniency: the education levels printed on SKM sheets ("S1",
 *   "D4", "D3", ...) are read as the form's D4_S1 and D1_D3.
 * - "settings" is an object {key: value} or an array of {key, value},
 *   checked by the rules of `wadah unit setting` (settings.h).
 *   survey_history, populations, settings and holidays replace what the
 *   unit had for the same period, key or day.  A record duplicated within
 *   the file is an error.
 */
#include "import.h"
#include "audit.h"
#include "calendar.h"
#include "complaint.h"
#include "cstage.h"
#include "embed.h"
#include "forms.h"
#include "ikm.h"
#include "settings.h"
#include "store_complaint.h"
#include "store_import.h"
#include "store_wbs.h"
#include "utf8.h"
#include "vault.h"
#include "wbs.h"
#include "wbs_keys.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PATH_CAP 112
#define ACTOR_BYTES 47          /* actor columns are read into 48 bytes */
#define NOTE_BYTES 2047         /* as the officer's form */
#define IMPORT_ACTOR "impor"    /* who did it, when the file does not say */
#define IMPORT_REQUESTER "(impor)"     /* never a user name (cli_ident_ok) */
#define IMPORT_PLACEHOLDER "(diimpor)"

/* ---- prepared records ---- */

/* One complaint event, in the order it is written. */
struct cev {
  char path[PATH_CAP];          /* the file's event, for later errors */
  const char *kind, *from, *to, *actor, *note;
  const char *section;          /* section code, or NULL */
  const char *value;            /* VERDICT, UNSUR, PUBLICATION value */
  char unsur[32];               /* storage of an UNSUR value */
  int64_t at;
  int64_t section_id;           /* looked up in the transaction */
};

struct cpl {
  char path[PATH_CAP];
  json_t *values;               /* the form's normalised values (owned) */
  const char *tracking;
  int year;
  int64_t seq;
  char public_id[40];
  int64_t category_id;
  const char *channel, *lapor_id;
  unsigned char *identity_ct;
  size_t identity_ct_len;
  unsigned char identity_key[STORE_RECORD_KEY];
  char access_hash[VAULT_PWHASH_LEN];
  int64_t received_at;
  char received_date[11];
  struct cev *ev;
  size_t n_ev;
};

struct wev {
  int64_t at;
  const char *actor, *from, *to;
  const char *note, *reference;     /* clear, until sealed */
  unsigned char *note_ct, *ref_ct;
  size_t note_len, ref_len;
  char due[11];
  const char *forward;              /* APIP, APH_KPK or NULL */
};

struct wmsg {
  int64_t at;
  const char *sender, *text;
  unsigned char *ct;
  size_t len;
};

struct wreq {
  int64_t requested_at, decided_at;
  const char *status;
  unsigned char *ct;
  size_t len;
};

struct wrep {
  char path[PATH_CAP];
  json_t *values;
  struct wbs_new n;
  char hash[VAULT_PWHASH_LEN];
  unsigned char *body;
  struct wev *ev;
  size_t n_ev;
  struct wmsg *msg;
  size_t n_msg;
  struct wreq *req;
  size_t n_req;
  int64_t last_activity_at;
};

struct srv {
  char path[PATH_CAP];
  json_t *values;
  const char *service, *channel;
  struct survey_record rec;
};

struct hist {
  const char *period, *source;
  int64_t respondents;
  double ikm25;
  char *nrr;                        /* JSON text (owned) or NULL */
};

struct rev {
  int64_t at;
  const char *status, *note, *evidence_ref, *actor;
};

struct rec {
  const char *domain, *source_doc, *source_period, *source_date, *unsur;
  const char *finding, *text, *pic_jabatan, *pic_name, *target_date;
  const char *indicator;
  struct rev *ev;
  size_t n_ev;
};

struct pop {
  const char *period;
  int64_t n;
};

struct set {
  const char *key;
  char value[200];
};

struct hol {
  const char *day, *name, *kind;
};

struct import {
  struct app *app;
  struct unit unit;
  char sha256[65];
  char name[100];
  json_t *root;
  char err_buf[IMPORT_MAX_ERRORS][320];
  const char *errs[IMPORT_MAX_ERRORS];
  size_t n_errors, total_errors;
  char internal[200];
  struct calendar cal;
  int hk_verify, hk_followup, hk_autoclose;
  int hk_wbs_ack, hk_wbs_review, hk_wbs_investigation;
  char skm_sha[65];
  struct cpl *cpl;
  size_t n_cpl;
  struct wrep *wbs;
  size_t n_wbs;
  struct srv *srv;
  size_t n_srv;
  struct hist *hist;
  size_t n_hist;
  struct rec *rec;
  size_t n_rec;
  struct pop *pop;
  size_t n_pop;
  struct set *set;
  size_t n_set;
  struct hol *hol;
  size_t n_hol;
  struct import_counts counts;
};

/* ---- errors and paths ---- */

/* Record "PATH: message" (the first IMPORT_MAX_ERRORS; all are counted).
   Messages name codes and statuses, never an identity or a text. */
static void fail (struct import *im, const char *path, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static void
fail (struct import *im, const char *path, const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  im->total_errors++;
  if (im->n_errors >= IMPORT_MAX_ERRORS)
    return;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  snprintf (im->err_buf[im->n_errors], sizeof im->err_buf[0], "%s: %s",
            path[0] ? path : "(file)", msg);
  im->errs[im->n_errors] = im->err_buf[im->n_errors];
  im->n_errors++;
}

/* Not the file's fault: the first such failure, for the exit status 1. */
static void
internal (struct import *im, const char *what)
{
  if (! im->internal[0])
    snprintf (im->internal, sizeof im->internal, "%s", what);
}

/* PATH.KEY (or KEY at the top) into OUT. */
static const char *
sub (char out[PATH_CAP], const char *path, const char *key)
{
  snprintf (out, PATH_CAP, "%s%s%s", path, path[0] ? "." : "", key);
  return out;
}

/* PATH.KEY[I] into OUT. */
static const char *
item (char out[PATH_CAP], const char *path, const char *key, size_t i)
{
  snprintf (out, PATH_CAP, "%s%s%s[%zu]", path, path[0] ? "." : "", key, i);
  return out;
}

/* ---- reading values ---- */

/* O's member KEY; NULL when absent or null (null is "not given"). */
static json_t *
member (const json_t *o, const char *key)
{
  json_t *v = json_object_get (o, key);
  return json_is_null (v) ? NULL : v;
}

static bool
in_list (const char *s, const char *const *list)
{
  for (size_t i = 0; s && list[i]; i++)
    if (0 == strcmp (s, list[i]))
      return true;
  return false;
}

/* Does form F take KEY at the top of its JSON (a field or a group)? */
static bool
form_key (const struct form *f, const char *key)
{
  for (size_t i = 0; f && i < f->n_fields; i++)
    if (0 == strcmp (f->fields[i].group ? f->fields[i].group
                     : f->fields[i].name, key))
      return true;
  return false;
}

/* O must be an object whose keys are in ALLOWED or taken by form F (may
   be NULL); "ref" is always accepted and ignored.  Reports each other
   key; false when O is not an object or has one. */
static bool
keys_ok (struct import *im, const char *path, const json_t *o,
         const char *const *allowed, const struct form *f)
{
  char p[PATH_CAP];
  const char *k;
  json_t *v;
  bool ok = true;
  if (! json_is_object (o))
  {
    fail (im, path, "must be an object");
    return false;
  }
  json_object_foreach ((json_t *) o, k, v)
  {
    if (0 == strcmp (k, "ref") || in_list (k, allowed) || form_key (f, k))
      continue;
    fail (im, sub (p, path, k), "unknown key");
    ok = false;
  }
  return ok;
}

enum { OPT = 0, REQ = 1 };
enum { MULTI = 0, LINE = 1 };

/* Member KEY of O as text: at most MAX_CHARS code points and MAX_BYTES
   bytes (0: no byte limit); on one line when LINE.  NULL when absent or
   blank, an error then when REQUIRED; NULL with an error when it is not
   acceptable. */
static const char *
get_text (struct import *im, const char *path, const json_t *o,
          const char *key, bool required, size_t max_chars, size_t max_bytes,
          bool line)
{
  char p[PATH_CAP];
  json_t *v = member (o, key);
  if (NULL == v)
  {
    if (required)
      fail (im, sub (p, path, key), "required");
    return NULL;
  }
  if (! json_is_string (v))
  {
    fail (im, sub (p, path, key), "must be a string");
    return NULL;
  }
  const char *s = json_string_value (v);
  size_t len = json_string_length (v);
  if (strlen (s) != len || ! utf8_valid_text (s, len)
      || (line && strpbrk (s, "\t\r\n")))
  {
    fail (im, sub (p, path, key), "contains characters that are not"
          " allowed");
    return NULL;
  }
  if (strspn (s, " \t\r\n") == len)
  {
    if (required)
      fail (im, sub (p, path, key), "must not be empty");
    return NULL;
  }
  if (utf8_length (s) > max_chars || (max_bytes && len > max_bytes))
  {
    fail (im, sub (p, path, key), "too long (at most %zu characters)",
          max_bytes && max_bytes < max_chars ? max_bytes : max_chars);
    return NULL;
  }
  return s;
}

/* A code: one line, at most 40 characters. */
static const char *
get_code (struct import *im, const char *path, const json_t *o,
          const char *key, bool required)
{
  return get_text (im, path, o, key, required, 40, 40, LINE);
}

/* Member KEY as a whole number in [MIN, MAX]; false when absent (an error
   when REQUIRED) or not acceptable. */
static bool
get_int (struct import *im, const char *path, const json_t *o,
         const char *key, bool required, long long min, long long max,
         int64_t *out)
{
  char p[PATH_CAP];
  json_t *v = member (o, key);
  if (NULL == v)
  {
    if (required)
      fail (im, sub (p, path, key), "required");
    return false;
  }
  if (! json_is_integer (v))
  {
    fail (im, sub (p, path, key), "must be a whole number");
    return false;
  }
  long long n = json_integer_value (v);
  if (n < min || n > max)
  {
    fail (im, sub (p, path, key), "must be from %lld to %lld", min, max);
    return false;
  }
  *out = (int64_t) n;
  return true;
}

/* A number (whole or not) V in [MIN, MAX]. */
static bool
number_ok (struct import *im, const char *path, const json_t *v, double min,
           double max, double *out)
{
  if (! json_is_number (v))
  {
    fail (im, path, "must be a number");
    return false;
  }
  double x = json_number_value (v);
  if (! (x >= min && x <= max))
  {
    fail (im, path, "must be from %g to %g", min, max);
    return false;
  }
  *out = x;
  return true;
}

/* Member KEY as a date YYYY-MM-DD (its day number in *DAY). */
static const char *
get_date (struct import *im, const char *path, const json_t *o,
          const char *key, bool required, int32_t *day)
{
  char p[PATH_CAP];
  const char *s = get_text (im, path, o, key, required, 10, 10, LINE);
  if (s && ! cal_parse (s, day))
  {
    fail (im, sub (p, path, key), "not a date (YYYY-MM-DD)");
    return NULL;
  }
  return s;
}

static bool
two_digits (const char *s, int *out)
{
  if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
    return false;
  *out = (s[0] - '0') * 10 + (s[1] - '0');
  return true;
}

/* An RFC 3339 date-time with its offset ("2026-03-11T10:47:00+07:00", or
   "Z"; a fraction of a second is allowed and dropped) as Unix seconds. */
static bool
parse_datetime (const char *s, int64_t *out)
{
  char date[11];
  int32_t day;
  int h, m, sec, oh = 0, om = 0, sign = 1;
  if (strlen (s) < 20)
    return false;
  memcpy (date, s, 10);
  date[10] = '\0';
  if (! cal_parse (date, &day) || s[10] != 'T' || s[13] != ':'
      || s[16] != ':' || ! two_digits (s + 11, &h)
      || ! two_digits (s + 14, &m) || ! two_digits (s + 17, &sec)
      || h > 23 || m > 59 || sec > 59)
    return false;
  const char *p = s + 19;
  if (*p == '.')
  {
    p++;
    if (*p < '0' || *p > '9')
      return false;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  if (*p == 'Z')
    p++;
  else if (*p == '+' || *p == '-')
  {
    sign = *p == '-' ? -1 : 1;
    if (! two_digits (p + 1, &oh) || p[3] != ':' || ! two_digits (p + 4, &om)
        || oh > 23 || om > 59)
      return false;
    p += 6;
  }
  else
    return false;
  if (*p)
    return false;
  *out = (int64_t) day * 86400 + h * 3600 + m * 60 + sec
         - sign * (oh * 3600 + om * 60);
  return true;
}

/* Member KEY as an RFC 3339 date-time with offset. */
static bool
get_datetime (struct import *im, const char *path, const json_t *o,
              const char *key, bool required, int64_t *at)
{
  char p[PATH_CAP];
  const char *s = get_text (im, path, o, key, required, 40, 40, LINE);
  if (NULL == s)
    return false;
  if (! parse_datetime (s, at))
  {
    fail (im, sub (p, path, key), "not an RFC 3339 time with its offset"
          " (e.g. 2026-03-11T10:47:00+07:00)");
    return false;
  }
  return true;
}

/* Member KEY as an array (NULL when absent; an error when not one). */
static json_t *
get_array (struct import *im, const char *path, const json_t *o,
           const char *key)
{
  char p[PATH_CAP];
  json_t *v = member (o, key);
  if (v && ! json_is_array (v))
  {
    fail (im, sub (p, path, key), "must be an array");
    return NULL;
  }
  return v;
}

/* Midnight, in the unit's zone, starting local day DAY. */
static int64_t
day_start (const struct import *im, int32_t day)
{
  return (int64_t) day * 86400 - (int64_t) im->unit.utc_offset_min * 60;
}

static int32_t
local_day (const struct import *im, int64_t at)
{
  return complaint_local_day (at, im->unit.utc_offset_min);
}

/* An array of unsur codes U1..U9, each once, into OUT ("U3,U7", in code
   order). */
static bool
unsur_list (struct import *im, const char *path, const json_t *a,
            char out[32])
{
  bool have[10] = { false };
  char p[PATH_CAP];
  size_t i;
  json_t *v;
  bool ok = true;
  out[0] = '\0';
  if (! json_is_array (a))
  {
    fail (im, path, "must be an array of unsur codes (U1-U9)");
    return false;
  }
  json_array_foreach (a, i, v)
  {
    const char *s = json_string_value (v);
    snprintf (p, sizeof p, "%s[%zu]", path, i);
    if (NULL == s || 2 != strlen (s) || s[0] != 'U' || s[1] < '1'
        || s[1] > '9')
    {
      fail (im, p, "not an unsur code (U1-U9)");
      ok = false;
    }
    else if (have[s[1] - '0'])
    {
      fail (im, p, "%s given twice", s);
      ok = false;
    }
    else
      have[s[1] - '0'] = true;
  }
  for (int k = 1; k <= 9; k++)
    if (have[k])
      snprintf (out + strlen (out), 32 - strlen (out), "%sU%d",
                out[0] ? "," : "", k);
  return ok;
}

/* ---- the live forms ---- */

/* Choices that live in the database (categories, services) are looked up
   in the transaction (import_run); here any code passes. */
static bool
any_code (void *cls, const char *source, const char *value)
{
  (void) cls;
  (void) source;
  return strlen (value) <= 40;
}

/* A form error code in English (the form's own message, for citizens, is
   in Bahasa Indonesia and follows in brackets). */
static const char *
form_problem (const char *code)
{
  static const struct { const char *code, *text; } t[] = {
    { "required", "required" },
    { "invalid_type", "wrong type" },
    { "invalid_text", "contains characters that are not allowed" },
    { "too_long", "too long" },
    { "too_short", "too short" },
    { "invalid_choice", "not one of the allowed values" },
    { "invalid_date", "not a date (YYYY-MM-DD)" },
    { "invalid_nik", "not a valid NIK" },
    { "invalid_phone", "not a valid phone number" },
    { "invalid_email", "not a valid e-mail address" },
    { "out_of_range", "out of range" },
  };
  for (size_t i = 0; code && i < sizeof t / sizeof t[0]; i++)
    if (0 == strcmp (code, t[i].code))
      return t[i].text;
  return code ? code : "invalid";
}

/* The keys of J that are not the loader's own (IMPORT_KEYS, "ref") and
   not null: the form's part of a record. */
static json_t *
form_input (const json_t *j, const char *const *import_keys)
{
  json_t *in = json_object ();
  const char *k;
  json_t *v;
  json_object_foreach ((json_t *) j, k, v)
    if (! json_is_null (v) && 0 != strcmp (k, "ref")
        && ! in_list (k, import_keys))
      json_object_set (in, k, v);
  return in;
}

/* Validate INPUT (consumed) against form F as the live intake does: the
   normalised values, or NULL with each problem reported under PATH. */
static json_t *
form_check (struct import *im, const char *path, const struct form *f,
            json_t *input)
{
  json_t *errors = NULL;
  char p[PATH_CAP];
  json_t *values = form_validate_json (f, input, &any_code, NULL, &errors);
  json_decref (input);
  if (values)
    return values;
  const char *k;
  json_t *v;
  json_object_foreach (errors, k, v)
  {
    const char *code = json_string_value (json_object_get (v, "code"));
    const char *msg = json_string_value (json_object_get (v, "message"));
    if (code && 0 == strcmp (code, "unknown_field"))
      fail (im, sub (p, path, k), "unknown key");
    else
      fail (im, sub (p, path, k), "%s (%s)", form_problem (code),
            msg ? msg : "");
  }
  json_decref (errors);
  return NULL;
}

static const char *
val_str (const json_t *values, const char *name)
{
  return json_string_value (json_object_get (values, name));
}

/* ---- settings and holidays ---- */

/* Check setting KEY = V (a string or a whole number) with the rules of
   `wadah unit setting` (settings.h), into S. */
static bool
setting_one (struct import *im, const char *path, const char *key,
             const json_t *v, struct set *s)
{
  char why[120];
  s->key = key;
  if (json_is_integer (v))
    snprintf (s->value, sizeof s->value, "%lld",
              (long long) json_integer_value (v));
  else if (json_is_string (v) && json_string_length (v) < sizeof s->value
           && utf8_valid_text (json_string_value (v), json_string_length (v)))
    snprintf (s->value, sizeof s->value, "%s", json_string_value (v));
  else
  {
    fail (im, path, "must be a string or a whole number");
    return false;
  }
  const char *bad = unit_setting_problem (key, s->value, why, sizeof why);
  if (bad && 0 == strcmp (bad, "unknown setting"))
  {
    fail (im, path, "unknown setting '%.40s' (the keys: %s)", key,
          unit_setting_help);
    return false;
  }
  if (bad)
  {
    fail (im, path, "%s: %s", key, bad);
    return false;
  }
  for (size_t i = 0; i < im->n_set; i++)
    if (0 == strcmp (im->set[i].key, key))
    {
      fail (im, path, "setting %s given twice", key);
      return false;
    }
  /* The deadlines of the records that follow use the new values. */
  int *hk = 0 == strcmp (key, "hk_verify") ? &im->hk_verify
            : 0 == strcmp (key, "hk_followup") ? &im->hk_followup
            : 0 == strcmp (key, "hk_autoclose") ? &im->hk_autoclose
            : 0 == strcmp (key, "hk_wbs_ack") ? &im->hk_wbs_ack
            : 0 == strcmp (key, "hk_wbs_review") ? &im->hk_wbs_review
            : 0 == strcmp (key, "hk_wbs_investigation")
            ? &im->hk_wbs_investigation : NULL;
  if (hk)
    *hk = atoi (s->value);
  return true;
}

/* "settings": an object {key: value} or an array of {key, value}. */
static void
read_settings (struct import *im, const json_t *v)
{
  char p[PATH_CAP];
  size_t n = json_is_object (v) ? json_object_size (v)
             : json_is_array (v) ? json_array_size (v) : 0;
  if (! json_is_object (v) && ! json_is_array (v))
  {
    fail (im, "settings", "must be an object {key: value} or an array of"
          " {key, value}");
    return;
  }
  im->set = calloc (n ? n : 1, sizeof *im->set);
  if (NULL == im->set)
    return internal (im, "out of memory");
  if (json_is_object (v))
  {
    const char *k;
    json_t *x;
    json_object_foreach ((json_t *) v, k, x)
      if (0 != strcmp (k, "ref")
          && setting_one (im, sub (p, "settings", k), k, x,
                          &im->set[im->n_set]))
        im->n_set++;
    return;
  }
  static const char *const keys[] = { "key", "value", NULL };
  size_t i;
  json_t *x;
  json_array_foreach (v, i, x)
  {
    char pv[PATH_CAP];
    item (p, "", "settings", i);
    if (! keys_ok (im, p, x, keys, NULL))
      continue;
    const char *key = get_code (im, p, x, "key", REQ);
    json_t *val = member (x, "value");
    if (NULL == val)
      fail (im, sub (pv, p, "value"), "required");
    if (key && val && setting_one (im, sub (pv, p, "value"), key, val,
                                   &im->set[im->n_set]))
      im->n_set++;
  }
}

/* "holidays": the unit's own days off, {date, name, kind}. */
static void
read_holidays (struct import *im, const json_t *a)
{
  static const char *const keys[] = { "date", "name", "kind", NULL };
  static const char *const kinds[] = { "libur_daerah", "libur_nasional",
                                       "cuti_bersama", NULL };
  char p[PATH_CAP], pk[PATH_CAP];
  size_t i;
  json_t *x;
  im->hol = calloc (json_array_size (a) + 1, sizeof *im->hol);
  if (NULL == im->hol)
    return internal (im, "out of memory");
  json_array_foreach (a, i, x)
  {
    int32_t day;
    item (p, "", "holidays", i);
    if (! keys_ok (im, p, x, keys, NULL))
      continue;
    size_t before = im->total_errors;
    struct hol *h = &im->hol[im->n_hol];
    h->day = get_date (im, p, x, "date", REQ, &day);
    h->name = get_text (im, p, x, "name", REQ, 119, 119, LINE);
    h->kind = get_code (im, p, x, "kind", OPT);
    if (NULL == h->kind)
      h->kind = "libur_daerah";
    else if (! in_list (h->kind, kinds))
      fail (im, sub (pk, p, "kind"), "must be libur_daerah, libur_nasional"
            " or cuti_bersama");
    for (size_t k = 0; h->day && k < im->n_hol; k++)
      if (0 == strcmp (im->hol[k].day, h->day))
        fail (im, sub (pk, p, "date"), "%s given twice", h->day);
    if (before == im->total_errors)
      im->n_hol++;
  }
}

/* Remove every occurrence of DAY from C. */
static void
cal_remove (struct calendar *c, int32_t day)
{
  for (size_t k = 0; k < c->n;)
    if (c->days[k] == day)
    {
      memmove (&c->days[k], &c->days[k + 1],
               (c->n - k - 1) * sizeof *c->days);
      c->n--;
    }
    else
      k++;
}

/* The unit's working-day calendar as it will be once the file is in:
   the shipped national holidays (the server records them when it starts),
   the unit's recorded days (complaint_calendar_load's rules: a unit's
   "dihapus" day is a working day), then the file's holidays. */
static bool
build_calendar (struct import *im)
{
  const struct embed_file *f = embed_find (embed_forms, "holidays.json");
  struct holiday_row *h = NULL;
  size_t n = 0;
  char err[200];
  if (f && ! cal_load_json (&im->cal, f->data, f->len, err, sizeof err))
    return false;
  if (STORE_OK != store_holiday_list (im->app->store, im->unit.id, &h, &n))
    return false;
  bool ok = true;
  for (size_t i = 0; i < n && ok; i++)
  {
    int32_t day;
    if (0 != strcmp (h[i].kind, "dihapus") && cal_parse (h[i].day, &day))
      ok = cal_add_holiday (&im->cal, day);
  }
  for (size_t i = 0; i < n; i++)
  {
    int32_t day;
    if (h[i].unit_id != 0 && 0 == strcmp (h[i].kind, "dihapus")
        && cal_parse (h[i].day, &day))
      cal_remove (&im->cal, day);
  }
  free (h);
  for (size_t i = 0; i < im->n_hol && ok; i++)
  {
    int32_t day;
    if (cal_parse (im->hol[i].day, &day))
      ok = cal_add_holiday (&im->cal, day);
  }
  return ok;
}

/* ---- complaints ---- */

static const char *const channels[] = {
  "WEBSITE", "SP4N_LAPOR", "WHATSAPP", "EMAIL", "MEDSOS", "KOTAK",
  "LANGSUNG", "TELEPON", NULL
};

static bool
lapor_id_ok (const char *s)
{
  size_t n = strlen (s);
  if (n < 1 || n > 40)
    return false;
  for (; *s; s++)
    if (! ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')
           || (*s >= '0' && *s <= '9') || *s == '-' || *s == '/'))
      return false;
  return true;
}

/* "ADU-YYYY-NNNNNN" with NNNNNN >= 1. */
static bool
tracking_parse (const char *t, int *year, int64_t *seq)
{
  if (15 != strlen (t) || 0 != strncmp (t, "ADU-", 4) || t[8] != '-')
    return false;
  int y = 0;
  int64_t n = 0;
  for (int i = 4; i < 8; i++)
  {
    if (t[i] < '0' || t[i] > '9')
      return false;
    y = y * 10 + (t[i] - '0');
  }
  for (int i = 9; i < 15; i++)
  {
    if (t[i] < '0' || t[i] > '9')
      return false;
    n = n * 10 + (t[i] - '0');
  }
  *year = y;
  *seq = n;
  return n >= 1;
}

static const char *
role_text (enum cactor a)
{
  return CA_REPORTER == a ? "the reporter" : CA_SYSTEM == a ? "the system"
         : "an officer";
}

/* The complaint's state while its events are read. */
struct cstate {
  int status;
  int64_t last_at;
};

/* Event I of complaint C (J) into E, checked against the state S, which
   it advances.  False on an error (reported). */
static bool
complaint_event (struct import *im, struct cpl *c, const json_t *j, size_t i,
                 struct cstate *s, struct cev *e)
{
  static const char *const keys[] = { "at", "actor", "kind", "from", "to",
                                      "section", "verdict", "unsur", "text",
                                      "note", NULL };
  static const char *const kinds[] = { "STATUS", "REPLY", "VERDICT",
                                       "UNSUR", "PUBLICATION", "SECTION",
                                       NULL };
  char p[PATH_CAP];
  size_t before = im->total_errors;
  snprintf (e->path, sizeof e->path, "%s.events[%zu]", c->path, i);
  const char *path = e->path;
  if (! keys_ok (im, path, j, keys, NULL))
    return false;
  if (get_datetime (im, path, j, "at", REQ, &e->at))
  {
    if (e->at < c->received_at)
      fail (im, sub (p, path, "at"), "before the complaint's received_at");
    else if (e->at < s->last_at)
      fail (im, sub (p, path, "at"), "before the previous event");
  }
  const char *kind = get_code (im, path, j, "kind", OPT);
  if (NULL == kind)
    kind = "STATUS";
  if (! in_list (kind, kinds))
  {
    fail (im, sub (p, path, "kind"), "unknown kind '%.40s' (STATUS, REPLY,"
          " VERDICT, UNSUR, PUBLICATION, SECTION)", kind);
    return false;
  }
  e->kind = kind;
  bool reporter_kind = 0 == strcmp (kind, "REPLY")
                       || 0 == strcmp (kind, "VERDICT");
  e->actor = get_text (im, path, j, "actor", OPT, ACTOR_BYTES, ACTOR_BYTES,
                       LINE);
  if (NULL == e->actor)
    e->actor = reporter_kind ? "pelapor" : IMPORT_ACTOR;
  e->note = get_text (im, path, j, "note", OPT, NOTE_BYTES, NOTE_BYTES,
                      MULTI);
  bool given_from = NULL != member (j, "from");
  bool given_to = NULL != member (j, "to");
  bool moves = 0 == strcmp (kind, "STATUS") || 0 == strcmp (kind, "REPLY")
               || (0 == strcmp (kind, "VERDICT") && (given_from
                                                      || given_to));
  /* What each kind carries, and nothing else. */
  struct { const char *key; bool allowed; } only[] = {
    { "from", moves }, { "to", moves },
    { "verdict", 0 == strcmp (kind, "VERDICT") },
    { "unsur", 0 == strcmp (kind, "UNSUR") },
    { "text", 0 == strcmp (kind, "PUBLICATION") },
    { "section", true },
  };
  for (size_t k = 0; k < sizeof only / sizeof only[0]; k++)
    if (! only[k].allowed && member (j, only[k].key))
      fail (im, sub (p, path, only[k].key), "not allowed on a %s event",
            kind);
  if (im->total_errors != before)
    return false;
  int from = -1, to = -1;
  if (moves)
  {
    const char *f = get_code (im, path, j, "from", REQ);
    const char *t = get_code (im, path, j, "to", REQ);
    if (f && (from = cstatus_from_name (f)) < 0)
      fail (im, sub (p, path, "from"), "unknown status '%.40s'", f);
    if (t && (to = cstatus_from_name (t)) < 0)
      fail (im, sub (p, path, "to"), "unknown status '%.40s'", t);
    if (im->total_errors != before)
      return false;
    if (from != s->status)
    {
      fail (im, sub (p, path, "from"), "expected %s, found %s",
            cstatus_name (s->status), f);
      return false;
    }
    enum cactor role = reporter_kind ? CA_REPORTER
                       : 0 == strcmp (e->actor, "pelapor") ? CA_REPORTER
                       : 0 == strcmp (e->actor, "sistem") ? CA_SYSTEM
                       : CA_OFFICER;
    if (! cstatus_allowed (from, to, role))
    {
      fail (im, sub (p, path, "to"), "%s -> %s is not a step of the"
            " complaint lifecycle for %s", f, t, role_text (role));
      return false;
    }
    e->from = cstatus_name (from);
    e->to = cstatus_name (to);
  }
  else
    e->to = "";
  /* The section: on a disposition, and what a SECTION event moves to. */
  bool wants_section = 0 == strcmp (kind, "SECTION")
                       || (moves && to == CS_DIDISPOSISI);
  if (wants_section)
    e->section = get_code (im, path, j, "section", REQ);
  else if (member (j, "section"))
    fail (im, sub (p, path, "section"), "only on a DIDISPOSISI or SECTION"
          " event");
  if (0 == strcmp (kind, "VERDICT"))
  {
    const char *v = get_code (im, path, j, "verdict", REQ);
    if (v && strcmp (v, "solved") && strcmp (v, "not_solved"))
      fail (im, sub (p, path, "verdict"), "must be solved or not_solved");
    else if (v && moves && to != (0 == strcmp (v, "solved") ? CS_SELESAI
                                  : CS_DITINDAKLANJUTI))
      fail (im, sub (p, path, "verdict"), "'%s' moves a complaint to %s,"
            " not to %s", v, 0 == strcmp (v, "solved") ? "SELESAI"
            : "DITINDAKLANJUTI", cstatus_name (to));
    else if (v && ! moves && s->status != CS_DITINDAKLANJUTI
             && s->status != CS_SELESAI)
      fail (im, sub (p, path, "verdict"), "given only on a complaint that"
            " is DITINDAKLANJUTI or SELESAI (it is %s)",
            cstatus_name (s->status));
    e->value = v ? (0 == strcmp (v, "solved") ? "solved" : "not_solved")
               : NULL;
  }
  else if (0 == strcmp (kind, "UNSUR"))
  {
    json_t *u = member (j, "unsur");
    if (NULL == u)
      fail (im, sub (p, path, "unsur"), "required");
    else if (unsur_list (im, sub (p, path, "unsur"), u, e->unsur))
      e->value = e->unsur;
  }
  else if (0 == strcmp (kind, "PUBLICATION"))
  {
    /* "" is a withdrawal. */
    json_t *t = json_object_get (j, "text");
    const char *txt = json_string_value (t);
    if (NULL == txt)
      fail (im, sub (p, path, "text"), t ? "must be a string" : "required");
    else if (json_string_length (t) > NOTE_BYTES
             || strlen (txt) != json_string_length (t)
             || ! utf8_valid_text (txt, strlen (txt)))
      fail (im, sub (p, path, "text"), "not acceptable text (at most %d"
            " bytes)", NOTE_BYTES);
    else
      e->value = txt;
  }
  if (im->total_errors != before)
    return false;
  if (moves)
    s->status = to;
  s->last_at = e->at;
  return true;
}

/* The current columns of complaint C from its history EV, in id order. */
static void
complaint_final (struct import *im, const struct cpl *c,
                 struct import_complaint_row *r, char due[11],
                 const struct cev **section_ev)
{
  struct cstage st;
  cstage_init (&st, local_day (im, c->received_at));
  int status = CS_DITERIMA;
  r->status_at = c->received_at;
  r->last_activity_at = c->received_at;
  r->unsur = "";
  r->verdict = NULL;
  r->public_response = r->published_by = NULL;
  r->published_at = 0;
  *section_ev = NULL;
  for (size_t k = 0; k < c->n_ev; k++)
  {
    const struct cev *e = &c->ev[k];
    if (e->to && e->to[0])
    {
      int to = cstatus_from_name (e->to);
      cstage_step (&st, cstatus_from_name (e->from), to,
                   local_day (im, e->at));
      status = to;
      r->status_at = e->at;
      r->last_activity_at = e->at;
    }
    if (e->section)
      *section_ev = e;
    if (0 == strcmp (e->kind, "UNSUR"))
      r->unsur = e->value;
    else if (0 == strcmp (e->kind, "VERDICT"))
    {
      r->verdict = e->value;
      if (e->at > r->last_activity_at)
        r->last_activity_at = e->at;
    }
    else if (0 == strcmp (e->kind, "PUBLICATION"))
    {
      r->public_response = e->value[0] ? e->value : NULL;
      r->published_by = e->value[0] ? e->actor : NULL;
      r->published_at = e->value[0] ? e->at : 0;
    }
  }
  r->status = cstatus_name (status);
  int32_t d = cstage_due (&st, &im->cal, local_day (im, r->status_at),
                          im->hk_verify, im->hk_followup, im->hk_autoclose);
  due[0] = '\0';
  if (d >= 0)
    cal_format (d, due);
  r->due_date = due;
}

/* Seal the identity and hash a fresh access code, forgotten at once. */
static bool
complaint_seal (struct import *im, struct cpl *c)
{
  char code[COMPLAINT_CODE_LEN], norm[13];
  vault_sortable_id (c->public_id);
  if (! complaint_seal_identity (im->app, im->unit.id, im->app->complaint,
                                 c->values, c->public_id, &c->identity_ct,
                                 &c->identity_ct_len, c->identity_key))
  {
    internal (im, "cannot seal a complaint identity (has the unit an"
              " identity key?)");
    return false;
  }
  complaint_code_new (code);
  complaint_code_normalise (code, norm);
  bool ok = vault_code_hash (norm, c->access_hash);
  vault_wipe (code, sizeof code);
  vault_wipe (norm, sizeof norm);
  if (! ok)
    internal (im, "cannot hash an access code");
  return ok;
}

/* Complaint IDX (J) into its slot: the live form's checks, the loader's
   own fields, the history as a lifecycle path, then (when the whole file
   is clean so far) the sealed identity and a forgotten access code.
   SEEN holds the tracking numbers met so far. */
static void
read_complaint (struct import *im, const json_t *j, size_t idx,
                json_t *seen)
{
  static const char *const own[] = { "tracking", "received_at", "channel",
                                     "lapor_id", "unsur", "events",
                                     "publications", NULL };
  struct cpl *c = &im->cpl[idx];
  char p[PATH_CAP];
  size_t before = im->total_errors;
  const struct form *f = im->app->complaint;
  item (c->path, "", "complaints", idx);
  const char *path = c->path;
  if (! keys_ok (im, path, j, own, f))
    return;
  c->values = form_check (im, path, f, form_input (j, own));
  c->tracking = get_code (im, path, j, "tracking", REQ);
  if (c->tracking && ! tracking_parse (c->tracking, &c->year, &c->seq))
  {
    fail (im, sub (p, path, "tracking"), "not a tracking number"
          " ADU-YYYY-NNNNNN");
    c->tracking = NULL;
  }
  else if (c->tracking && json_object_get (seen, c->tracking))
    fail (im, sub (p, path, "tracking"), "%s appears twice in the file",
          c->tracking);
  else if (c->tracking)
    json_object_set_new (seen, c->tracking, json_true ());
  bool have_at = get_datetime (im, path, j, "received_at", REQ,
                               &c->received_at);
  if (have_at)
  {
    ikm_local_date (c->received_at, im->unit.utc_offset_min,
                    c->received_date);
    if (c->tracking && atoi (c->received_date) != c->year)
      fail (im, sub (p, path, "tracking"), "the year of %s is not the year"
            " the complaint was received (%.4s)", c->tracking,
            c->received_date);
  }
  c->channel = get_code (im, path, j, "channel", REQ);
  if (c->channel && ! in_list (c->channel, channels))
    fail (im, sub (p, path, "channel"), "unknown channel '%.40s' (WEBSITE,"
          " SP4N_LAPOR, WHATSAPP, EMAIL, MEDSOS, KOTAK, LANGSUNG, TELEPON)",
          c->channel);
  c->lapor_id = get_code (im, path, j, "lapor_id", OPT);
  if (c->lapor_id && ! lapor_id_ok (c->lapor_id))
    fail (im, sub (p, path, "lapor_id"), "1-40 of letters, digits, '-'"
          " and '/'");
  else if (! c->lapor_id && c->channel
           && 0 == strcmp (c->channel, "SP4N_LAPOR"))
    fail (im, sub (p, path, "lapor_id"), "required for channel SP4N_LAPOR");
  if (c->values)
  {
    /* The rules across fields of the live intake: no identity in an
       anonymous complaint, no incident after the receipt. */
    static const char *const idf[] = { "name", "nik", "phone", "email",
                                       "address", NULL };
    const char *privacy = val_str (c->values, "privacy");
    bool any = false;
    for (size_t k = 0; idf[k]; k++)
      any = any || json_object_get (c->values, idf[k]);
    if (privacy && 0 == strcmp (privacy, "anonim") && any)
      fail (im, sub (p, path, "reporter"), "an anonim complaint carries no"
            " identity");
    const char *inc = val_str (c->values, "incident_date");
    if (inc && have_at && strcmp (inc, c->received_date) > 0)
      fail (im, sub (p, path, "incident_date"), "after the complaint was"
            " received");
  }
  if (! have_at)
    return;
  /* The history: DITERIMA, the tags, the file's events, publications. */
  json_t *events = get_array (im, path, j, "events");
  json_t *pubs = get_array (im, path, j, "publications");
  json_t *unsur = member (j, "unsur");
  c->ev = calloc (2 + json_array_size (events) + json_array_size (pubs),
                  sizeof *c->ev);
  if (NULL == c->ev)
    return internal (im, "out of memory");
  struct cev *e = &c->ev[c->n_ev++];
  snprintf (e->path, sizeof e->path, "%s", path);
  e->kind = "STATUS";
  e->to = "DITERIMA";
  e->at = c->received_at;
  e->actor = "pelapor";
  if (unsur)
  {
    e = &c->ev[c->n_ev];
    snprintf (e->path, sizeof e->path, "%s", sub (p, path, "unsur"));
    /* An empty list at receipt changes nothing: no event. */
    if (unsur_list (im, e->path, unsur, e->unsur) && e->unsur[0])
    {
      e->kind = "UNSUR";
      e->to = "";
      e->at = c->received_at;
      e->actor = IMPORT_ACTOR;
      e->value = e->unsur;
      c->n_ev++;
    }
  }
  struct cstate s = { CS_DITERIMA, c->received_at };
  size_t i;
  json_t *x;
  json_array_foreach (events, i, x)
  {
    /* The first mismatch only: the rest would follow from it. */
    if (! complaint_event (im, c, x, i, &s, &c->ev[c->n_ev]))
      break;
    c->n_ev++;
  }
  static const char *const pub_keys[] = { "at", "text", "actor", NULL };
  int64_t last_pub = c->received_at;
  json_array_foreach (pubs, i, x)
  {
    e = &c->ev[c->n_ev];
    item (e->path, path, "publications", i);
    if (! keys_ok (im, e->path, x, pub_keys, NULL))
      continue;
    size_t b = im->total_errors;
    if (get_datetime (im, e->path, x, "at", REQ, &e->at))
    {
      if (e->at < c->received_at)
        fail (im, sub (p, e->path, "at"), "before the complaint's"
              " received_at");
      else if (e->at < last_pub)
        fail (im, sub (p, e->path, "at"), "before the previous"
              " publication");
      last_pub = e->at;
    }
    json_t *t = json_object_get (x, "text");
    const char *txt = json_string_value (t);
    if (NULL == txt)
      fail (im, sub (p, e->path, "text"), t && ! json_is_null (t)
            ? "must be a string" : "required (\"\" withdraws)");
    else if (json_string_length (t) > NOTE_BYTES
             || strlen (txt) != json_string_length (t)
             || ! utf8_valid_text (txt, strlen (txt)))
      fail (im, sub (p, e->path, "text"), "not acceptable text (at most %d"
            " bytes)", NOTE_BYTES);
    e->actor = get_text (im, e->path, x, "actor", OPT, ACTOR_BYTES,
                         ACTOR_BYTES, LINE);
    if (NULL == e->actor)
      e->actor = IMPORT_ACTOR;
    e->kind = "PUBLICATION";
    e->to = "";
    e->value = txt;
    if (b == im->total_errors)
      c->n_ev++;
  }
  if (before != im->total_errors || im->total_errors > 0)
    return;
  complaint_seal (im, c);
}

/* ---- whistleblowing ---- */

/* The deadline set when a report reaches TO at AT, as the team's
   handler sets it: acknowledge, review, investigate; none otherwise. */
static void
wbs_due (const struct import *im, int to, int64_t at, char out[11])
{
  int hk = to == WS_DITERIMA ? im->hk_wbs_ack
           : to == WS_DITELAAH ? im->hk_wbs_review
           : to == WS_DIINVESTIGASI ? im->hk_wbs_investigation : 0;
  out[0] = '\0';
  if (hk > 0)
    cal_format (cal_add_working_days (&im->cal, local_day (im, at), hk),
                out);
}

/* Seal the report as the live intake does, under a fresh receipt that is
   forgotten at once, and every text under the report key. */
static bool
wbs_seal (struct import *im, struct wrep *w, const unsigned char pk[32])
{
  char secret[WBS_SECRET_LEN + 1], text[WBS_RECEIPT_TEXT];
  unsigned char k[32];
  bool ok;
  wbs_receipt_new (w->n.lookup, secret, text);
  vault_wipe (text, sizeof text);
  ok = wbs_report_key_new (pk, w->n.lookup, secret, k, w->n.key_team,
                           w->n.reporter_salt, w->n.key_reporter)
       && vault_code_hash (secret, w->hash);
  vault_wipe (secret, sizeof secret);
  w->n.secret_hash = w->hash;
  ok = ok && wbs_encrypt_json (k, "body", w->n.lookup, w->values, &w->body,
                               &w->n.body_len);
  w->n.body_ct = w->body;
  for (size_t i = 0; ok && i < w->n_ev; i++)
  {
    struct wev *e = &w->ev[i];
    if (e->note)
      ok = wbs_encrypt_text (k, "note", w->n.lookup, e->note, &e->note_ct,
                             &e->note_len);
    if (ok && e->reference)
      ok = wbs_encrypt_text (k, "reference", w->n.lookup, e->reference,
                             &e->ref_ct, &e->ref_len);
  }
  for (size_t i = 0; ok && i < w->n_msg; i++)
    ok = wbs_encrypt_message (k, w->n.lookup, w->msg[i].sender, NULL, false,
                              w->msg[i].text ? w->msg[i].text
                                             : IMPORT_PLACEHOLDER,
                              &w->msg[i].ct, &w->msg[i].len);
  for (size_t i = 0; ok && i < w->n_req; i++)
    ok = wbs_encrypt_text (k, "reason", w->n.lookup, IMPORT_PLACEHOLDER,
                           &w->req[i].ct, &w->req[i].len);
  vault_wipe (k, sizeof k);
  if (! ok)
    internal (im, "cannot seal a WBS report");
  return ok;
}

/* WBS report IDX (J) into its slot: the live form's checks, the history
   as a lifecycle path with the deadlines the team's handler would set,
   messages and identity requests, then (when the whole file is clean so
   far) everything sealed under a fresh report key for the unit's WBS key
   PK (NULL: the unit has none). */
static void
read_wbs (struct import *im, const json_t *j, size_t idx,
          const unsigned char *pk)
{
  static const char *const own[] = { "received_date", "has_identity",
                                     "events", "messages",
                                     "identity_requests", NULL };
  static const char *const ev_keys[] = { "date", "actor", "from", "to",
                                         "note", "reference", NULL };
  static const char *const msg_keys[] = { "date", "sender", "text", NULL };
  static const char *const req_keys[] = { "requested", "decided", "status",
                                          NULL };
  static const char *const req_status[] = { "MENUNGGU", "DISETUJUI",
                                            "DITOLAK", NULL };
  struct wrep *w = &im->wbs[idx];
  char p[PATH_CAP], pe[PATH_CAP];
  size_t before = im->total_errors;
  const struct form *f = im->app->wbs;
  int32_t received;
  item (w->path, "", "wbs", idx);
  const char *path = w->path;
  if (! keys_ok (im, path, j, own, f))
    return;
  w->values = form_check (im, path, f, form_input (j, own));
  const char *rd = get_date (im, path, j, "received_date", REQ, &received);
  json_t *hi = member (j, "has_identity");
  if (hi && ! json_is_boolean (hi))
    fail (im, sub (p, path, "has_identity"), "must be true or false");
  if (w->values)
  {
    bool present = json_object_get (w->values, "reporter_name")
                   || json_object_get (w->values, "reporter_contact");
    if (hi && json_is_false (hi) && present)
      fail (im, sub (p, path, "has_identity"), "false, but the reporter"
            " gives a name or contact");
    w->n.has_identity = hi ? json_is_true (hi) : present;
    if (present && ! json_object_get (w->values, "consent"))
      json_object_set_new (w->values, "consent", json_string ("tidak"));
  }
  if (NULL == rd)
    return;
  w->n.unit_id = im->unit.id;
  w->n.at = day_start (im, received);
  snprintf (w->n.received_date, sizeof w->n.received_date, "%s", rd);
  wbs_due (im, WS_DITERIMA, w->n.at, w->n.due_date);
  w->last_activity_at = w->n.at;
  json_t *events = get_array (im, path, j, "events");
  json_t *msgs = get_array (im, path, j, "messages");
  json_t *reqs = get_array (im, path, j, "identity_requests");
  w->ev = calloc (json_array_size (events) + 1, sizeof *w->ev);
  w->msg = calloc (json_array_size (msgs) + 1, sizeof *w->msg);
  w->req = calloc (json_array_size (reqs) + 1, sizeof *w->req);
  if (NULL == w->ev || NULL == w->msg || NULL == w->req)
    return internal (im, "out of memory");
  int status = WS_DITERIMA;
  int64_t last = w->n.at;
  size_t i;
  json_t *x;
  json_array_foreach (events, i, x)
  {
    struct wev *e = &w->ev[w->n_ev];
    int32_t day;
    size_t b = im->total_errors;
    item (pe, path, "events", i);
    if (! keys_ok (im, pe, x, ev_keys, NULL))
      break;
    if (get_date (im, pe, x, "date", REQ, &day))
    {
      e->at = day_start (im, day);
      if (e->at < w->n.at)
        fail (im, sub (p, pe, "date"), "before received_date");
      else if (e->at < last)
        fail (im, sub (p, pe, "date"), "before the previous event");
    }
    e->actor = get_text (im, pe, x, "actor", OPT, ACTOR_BYTES, ACTOR_BYTES,
                         LINE);
    if (NULL == e->actor)
      e->actor = IMPORT_ACTOR;
    e->note = get_text (im, pe, x, "note", OPT, 4000, 4095, MULTI);
    e->reference = get_text (im, pe, x, "reference", OPT, 199, 199, LINE);
    const char *fs = get_code (im, pe, x, "from", REQ);
    const char *ts = get_code (im, pe, x, "to", REQ);
    int from = fs ? wstatus_from_name (fs) : -1;
    int to = ts ? wstatus_from_name (ts) : -1;
    if (fs && from < 0)
      fail (im, sub (p, pe, "from"), "unknown status '%.40s'", fs);
    if (ts && to < 0)
      fail (im, sub (p, pe, "to"), "unknown status '%.40s'", ts);
    if (b != im->total_errors)
      break;
    if (from != status)
    {
      fail (im, sub (p, pe, "from"), "expected %s, found %s",
            wstatus_name (status), fs);
      break;
    }
    if (! wstatus_allowed (from, to))
    {
      fail (im, sub (p, pe, "to"), "%s -> %s is not a step of the WBS"
            " lifecycle", fs, ts);
      break;
    }
    e->forward = to == WS_DITERUSKAN_APIP ? "APIP"
                 : to == WS_DITERUSKAN_APH_KPK ? "APH_KPK" : NULL;
    if (e->reference && ! e->forward)
    {
      fail (im, sub (p, pe, "reference"), "only on a forwarding"
            " (DITERUSKAN_APIP, DITERUSKAN_APH_KPK)");
      break;
    }
    e->from = wstatus_name (from);
    e->to = wstatus_name (to);
    wbs_due (im, to, e->at, e->due);
    status = to;
    last = e->at;
    w->n_ev++;
  }
  if (last > w->last_activity_at)
    w->last_activity_at = last;
  last = w->n.at;
  json_array_foreach (msgs, i, x)
  {
    struct wmsg *m = &w->msg[w->n_msg];
    int32_t day;
    size_t b = im->total_errors;
    item (pe, path, "messages", i);
    if (! keys_ok (im, pe, x, msg_keys, NULL))
      continue;
    if (get_date (im, pe, x, "date", REQ, &day))
    {
      m->at = day_start (im, day);
      if (m->at < w->n.at)
        fail (im, sub (p, pe, "date"), "before received_date");
      else if (m->at < last)
        fail (im, sub (p, pe, "date"), "before the previous message");
      else
        last = m->at;
    }
    m->sender = get_code (im, pe, x, "sender", REQ);
    if (m->sender && strcmp (m->sender, "team")
        && strcmp (m->sender, "reporter"))
      fail (im, sub (p, pe, "sender"), "must be team or reporter");
    m->text = get_text (im, pe, x, "text", OPT, 4000, 4095, MULTI);
    if (b == im->total_errors)
      w->n_msg++;
  }
  if (last > w->last_activity_at)
    w->last_activity_at = last;
  json_array_foreach (reqs, i, x)
  {
    struct wreq *q = &w->req[w->n_req];
    int32_t rday, dday;
    size_t b = im->total_errors;
    item (pe, path, "identity_requests", i);
    if (! keys_ok (im, pe, x, req_keys, NULL))
      continue;
    const char *rq = get_date (im, pe, x, "requested", REQ, &rday);
    const char *dc = get_date (im, pe, x, "decided", OPT, &dday);
    q->status = get_code (im, pe, x, "status", REQ);
    if (q->status && ! in_list (q->status, req_status))
      fail (im, sub (p, pe, "status"), "must be MENUNGGU, DISETUJUI or"
            " DITOLAK");
    if (rq)
    {
      q->requested_at = day_start (im, rday);
      if (q->requested_at < w->n.at)
        fail (im, sub (p, pe, "requested"), "before received_date");
    }
    if (q->status && 0 == strcmp (q->status, "MENUNGGU") && member (x,
                                                                "decided"))
      fail (im, sub (p, pe, "decided"), "a MENUNGGU request is not decided");
    else if (q->status && strcmp (q->status, "MENUNGGU") && ! dc
             && ! member (x, "decided"))
      fail (im, sub (p, pe, "decided"), "required for a decided request");
    else if (dc && rq)
    {
      q->decided_at = day_start (im, dday);
      if (dday < rday)
        fail (im, sub (p, pe, "decided"), "before requested");
    }
    if (b == im->total_errors)
      w->n_req++;
  }
  if (before != im->total_errors || im->total_errors > 0)
    return;
  if (NULL == pk)
    return internal (im, "the unit has no WBS key");
  wbs_seal (im, w, pk);
}

/* ---- the survey ---- */

/* Education levels as SKM sheets print them, read as the form's values. */
static const struct { const char *printed, *value; } education_alias[] = {
  { "S1", "D4_S1" }, { "D4", "D4_S1" }, { "D4/S1", "D4_S1" },
  { "D4-S1", "D4_S1" }, { "D1", "D1_D3" }, { "D2", "D1_D3" },
  { "D3", "D1_D3" }, { "D1-D3", "D1_D3" }, { "D1/D3", "D1_D3" },
};

/* Survey response IDX (J) into its slot, checked by forms/skm.json as the
   live survey checks it (the service is looked up in the transaction). */
static void
read_survey (struct import *im, const json_t *j, size_t idx)
{
  static const char *const own[] = { "submitted_at", "channel", NULL };
  static const char *const survey_channels[] = { "online", "kiosk",
                                                 "kertas", NULL };
  struct srv *s = &im->srv[idx];
  char p[PATH_CAP];
  size_t before = im->total_errors;
  const struct form *f = im->app->survey;
  item (s->path, "", "survey_responses", idx);
  const char *path = s->path;
  if (! keys_ok (im, path, j, own, f))
    return;
  json_t *in = form_input (j, own);
  json_t *profile = json_object_get (in, "profile");
  const char *edu = json_string_value (json_object_get (profile,
                                                        "education"));
  for (size_t k = 0; edu && k < sizeof education_alias
       / sizeof education_alias[0]; k++)
    if (0 == strcmp (edu, education_alias[k].printed))
    {
      json_t *copy = json_deep_copy (profile);
      json_object_set_new (copy, "education",
                           json_string (education_alias[k].value));
      json_object_set_new (in, "profile", copy);
      break;
    }
  s->values = form_check (im, path, f, in);
  struct survey_record *r = &s->rec;
  bool have_at = get_datetime (im, path, j, "submitted_at", REQ,
                               &r->submitted_at);
  s->channel = get_code (im, path, j, "channel", OPT);
  if (s->channel && ! in_list (s->channel, survey_channels))
    fail (im, sub (p, path, "channel"), "must be online, kiosk or kertas");
  if (before != im->total_errors || ! have_at || NULL == s->values)
    return;
  /* The record as h_survey.c builds it: answers by position. */
  vault_sortable_id (r->public_id);
  r->unit_id = im->unit.id;
  r->form_id = f->id;
  r->form_version = f->version;
  ikm_local_date (r->submitted_at, im->unit.utc_offset_min, r->local_date);
  r->gender = val_str (s->values, "gender");
  r->education = val_str (s->values, "education");
  r->occupation = val_str (s->values, "occupation");
  r->occupation_other = val_str (s->values, "occupation_other");
  r->suggestion = val_str (s->values, "suggestion");
  r->age = (int) json_integer_value (json_object_get (s->values, "age"));
  s->service = val_str (s->values, "service");
  size_t pos = 0;
  for (size_t i = 0; i < f->n_fields && pos < STORE_SURVEY_ITEMS; i++)
  {
    const struct form_field *x = &f->fields[i];
    if (x->type != FT_SCALE)
      continue;
    json_t *v = json_object_get (s->values, x->name);
    r->answers[pos++] = v ? (int) json_integer_value (v) : 0;
  }
}

/* An IKM a unit published before it used wadah (D5's trend). */
static void
read_history (struct import *im, const json_t *j, size_t idx)
{
  static const char *const keys[] = { "period", "respondents", "ikm25",
                                      "nrr", "source", NULL };
  struct hist *h = &im->hist[im->n_hist];
  char path[PATH_CAP], p[PATH_CAP];
  struct period per;
  size_t before = im->total_errors;
  item (path, "", "survey_history", idx);
  if (! keys_ok (im, path, j, keys, NULL))
    return;
  h->period = get_code (im, path, j, "period", REQ);
  if (h->period && ! period_parse (h->period, &per))
    fail (im, sub (p, path, "period"), "not a period (2025, 2025-S1,"
          " 2025-Q3)");
  for (size_t k = 0; h->period && k < im->n_hist; k++)
    if (0 == strcmp (im->hist[k].period, h->period))
      fail (im, sub (p, path, "period"), "%s given twice", h->period);
  get_int (im, path, j, "respondents", REQ, 1, 100000000, &h->respondents);
  json_t *ikm = member (j, "ikm25");
  if (NULL == ikm)
    fail (im, sub (p, path, "ikm25"), "required");
  else
    number_ok (im, sub (p, path, "ikm25"), ikm, 25, 100, &h->ikm25);
  h->source = get_text (im, path, j, "source", OPT, 200, 0, LINE);
  json_t *nrr = member (j, "nrr");
  if (nrr)
  {
    char pn[PATH_CAP];
    sub (pn, path, "nrr");
    if (keys_ok (im, pn, nrr, (const char *const[]) { "U1", "U2", "U3", "U4",
                                                      "U5", "U6", "U7", "U8",
                                                      "U9", NULL }, NULL))
    {
      json_t *out = json_object ();
      for (int u = 1; u <= 9; u++)
      {
        char code[4];
        double x;
        snprintf (code, sizeof code, "U%d", u);
        json_t *v = member (nrr, code);
        if (NULL == v)
          fail (im, sub (p, pn, code), "required (all nine, or no nrr)");
        else if (number_ok (im, sub (p, pn, code), v, 1, 4, &x))
          json_object_set_new (out, code, json_real (x));
      }
      h->nrr = json_dumps (out, JSON_COMPACT | JSON_REAL_PRECISION (10));
      json_decref (out);
    }
  }
  if (before == im->total_errors)
    im->n_hist++;
  else
  {
    free (h->nrr);
    h->nrr = NULL;
  }
}

/* ---- the tracker ---- */

/* Recommendation IDX (J) into its slot, with its status events in time
   order, none before the source document's date. */
static void
read_rec (struct import *im, const json_t *j, size_t idx)
{
  static const char *const keys[] = { "domain", "source_doc",
                                      "source_period", "source_date",
                                      "finding", "text", "pic_jabatan",
                                      "pic_name", "target_date", "unsur",
                                      "indicator", "events", NULL };
  static const char *const ev_keys[] = { "at", "status", "note",
                                         "evidence_ref", "actor", NULL };
  static const char *const domains[] = { "PENGADUAN", "WBS", "SKM", "BK",
                                         "GRATIFIKASI", "ZI", NULL };
  static const char *const statuses[] = { "RENCANA", "PROSES", "SELESAI",
                                          "TIDAK_DILAKSANAKAN", NULL };
  struct rec *r = &im->rec[idx];
  char path[PATH_CAP], p[PATH_CAP], pe[PATH_CAP];
  struct period per;
  int32_t sday = 0, tday;
  item (path, "", "recommendations", idx);
  if (! keys_ok (im, path, j, keys, NULL))
    return;
  r->domain = get_code (im, path, j, "domain", REQ);
  if (r->domain && ! in_list (r->domain, domains))
    fail (im, sub (p, path, "domain"), "must be PENGADUAN, WBS, SKM, BK,"
          " GRATIFIKASI or ZI");
  r->source_doc = get_text (im, path, j, "source_doc", OPT, 39, 39, LINE);
  if (NULL == r->source_doc)
    r->source_doc = "impor";
  r->source_period = get_code (im, path, j, "source_period", REQ);
  if (r->source_period && ! period_parse (r->source_period, &per))
    fail (im, sub (p, path, "source_period"), "not a period (2025, 2025-S1,"
          " 2025-Q3)");
  r->source_date = get_date (im, path, j, "source_date", REQ, &sday);
  r->finding = get_text (im, path, j, "finding", REQ, 2000, 0, MULTI);
  r->text = get_text (im, path, j, "text", REQ, 2000, 0, MULTI);
  r->pic_jabatan = get_text (im, path, j, "pic_jabatan", REQ, 199, 199,
                             LINE);
  r->pic_name = get_text (im, path, j, "pic_name", OPT, 119, 119, LINE);
  r->target_date = get_date (im, path, j, "target_date", REQ, &tday);
  r->indicator = get_text (im, path, j, "indicator", OPT, 500, 0, MULTI);
  r->unsur = get_code (im, path, j, "unsur", OPT);
  if (r->unsur && (2 != strlen (r->unsur) || r->unsur[0] != 'U'
                   || r->unsur[1] < '1' || r->unsur[1] > '9'))
    fail (im, sub (p, path, "unsur"), "not an unsur code (U1-U9)");
  json_t *events = get_array (im, path, j, "events");
  r->ev = calloc (json_array_size (events) + 1, sizeof *r->ev);
  if (NULL == r->ev)
    return internal (im, "out of memory");
  int64_t last = r->source_date ? day_start (im, sday) : 0;
  size_t i;
  json_t *x;
  json_array_foreach (events, i, x)
  {
    struct rev *e = &r->ev[r->n_ev];
    size_t b = im->total_errors;
    item (pe, path, "events", i);
    if (! keys_ok (im, pe, x, ev_keys, NULL))
      continue;
    /* A day (its start in the unit's zone) or an instant. */
    json_t *at = member (x, "at");
    int32_t day;
    if (json_is_string (at) && 10 == json_string_length (at))
    {
      if (get_date (im, pe, x, "at", REQ, &day))
        e->at = day_start (im, day);
    }
    else
      get_datetime (im, pe, x, "at", REQ, &e->at);
    if (b == im->total_errors && r->source_date && e->at < last)
      fail (im, sub (p, pe, "at"), "%s", r->n_ev ? "before the previous"
            " event" : "before source_date");
    e->status = get_code (im, pe, x, "status", REQ);
    if (e->status && ! in_list (e->status, statuses))
      fail (im, sub (p, pe, "status"), "must be RENCANA, PROSES, SELESAI or"
            " TIDAK_DILAKSANAKAN");
    e->note = get_text (im, pe, x, "note", OPT, 2000, 0, MULTI);
    if (e->status && 0 == strcmp (e->status, "TIDAK_DILAKSANAKAN")
        && ! e->note)
      fail (im, sub (p, pe, "note"), "the reason is required for"
            " TIDAK_DILAKSANAKAN");
    e->evidence_ref = get_text (im, pe, x, "evidence_ref", OPT, 500, 0,
                                MULTI);
    e->actor = get_text (im, pe, x, "actor", OPT, ACTOR_BYTES, ACTOR_BYTES,
                         LINE);
    if (NULL == e->actor)
      e->actor = IMPORT_ACTOR;
    if (b == im->total_errors)
    {
      last = e->at;
      r->n_ev++;
    }
  }
}

/* The number of service users of a period (Krejcie-Morgan's N). */
static void
read_population (struct import *im, const json_t *j, size_t idx)
{
  static const char *const keys[] = { "period", "population", NULL };
  struct pop *o = &im->pop[im->n_pop];
  char path[PATH_CAP], p[PATH_CAP];
  struct period per;
  size_t before = im->total_errors;
  item (path, "", "populations", idx);
  if (! keys_ok (im, path, j, keys, NULL))
    return;
  o->period = get_code (im, path, j, "period", REQ);
  if (o->period && ! period_parse (o->period, &per))
    fail (im, sub (p, path, "period"), "not a period (2025, 2025-S1,"
          " 2025-Q3)");
  for (size_t k = 0; o->period && k < im->n_pop; k++)
    if (0 == strcmp (im->pop[k].period, o->period))
      fail (im, sub (p, path, "period"), "%s given twice", o->period);
  get_int (im, path, j, "population", REQ, 1, 100000000, &o->n);
  if (before == im->total_errors)
    im->n_pop++;
}

/* ---- the file ---- */

struct import *
import_new (struct app *app, const struct unit *u, const char *sha256,
            const char *name)
{
  struct import *im = calloc (1, sizeof *im);
  if (NULL == im)
    return NULL;
  im->app = app;
  im->unit = *u;
  snprintf (im->sha256, sizeof im->sha256, "%s", sha256);
  snprintf (im->name, sizeof im->name, "%s", name);
  cal_init (&im->cal);
  return im;
}

/* One slot per record of array A in TABLE (N_TABLE of them, each record
   at its index in the file); false on out-of-memory. */
#define SLOTS(im, table, a)                                               \
  (NULL != ((im)->table = calloc (json_array_size (a) + 1,                \
                                  sizeof *(im)->table))                   \
   && ((im)->n_##table = json_array_size (a), true))

bool
import_prepare (struct import *im, json_t *root)
{
  static const char *const top[] = { "format", "unit", "populations",
                                     "complaints", "wbs", "survey_responses",
                                     "survey_history", "recommendations",
                                     "settings", "holidays", NULL };
  size_t i;
  json_t *x;
  im->root = json_incref (root);
  if (! keys_ok (im, "", root, top, NULL) && ! json_is_object (root))
    return false;
  const char *format = json_string_value (json_object_get (root, "format"));
  if (NULL == format)
    fail (im, "format", "required: \"%s\"", IMPORT_FORMAT);
  else if (0 != strcmp (format, IMPORT_FORMAT))
    fail (im, "format", "expected \"%s\"", IMPORT_FORMAT);
  const char *unit = json_string_value (json_object_get (root, "unit"));
  if (NULL == unit)
    fail (im, "unit", "required: \"%s\"", im->unit.slug);
  else if (0 != strcmp (unit, im->unit.slug))
    fail (im, "unit", "the file is for unit '%.48s', not '%s'", unit,
          im->unit.slug);

  /* Settings and holidays first: the deadlines of what follows use
     them. */
  im->hk_verify = complaint_setting_int_of (im->app->store, im->unit.id,
                                            "hk_verify",
                                            COMPLAINT_HK_VERIFY);
  im->hk_followup = complaint_setting_int_of (im->app->store, im->unit.id,
                                              "hk_followup",
                                              COMPLAINT_HK_FOLLOWUP);
  im->hk_autoclose = complaint_setting_int_of (im->app->store, im->unit.id,
                                               "hk_autoclose",
                                               COMPLAINT_HK_AUTOCLOSE);
  im->hk_wbs_ack = complaint_setting_int_of (im->app->store, im->unit.id,
                                             "hk_wbs_ack", 3);
  im->hk_wbs_review = complaint_setting_int_of (im->app->store, im->unit.id,
                                                "hk_wbs_review", 10);
  im->hk_wbs_investigation = complaint_setting_int_of (
    im->app->store, im->unit.id, "hk_wbs_investigation", 30);
  json_t *settings = member (root, "settings");
  if (settings)
    read_settings (im, settings);
  json_t *hol = get_array (im, "", root, "holidays");
  if (hol)
    read_holidays (im, hol);
  if (! build_calendar (im))
  {
    internal (im, "cannot read the unit's holidays");
    return false;
  }

  json_t *a = get_array (im, "", root, "populations");
  if (a && NULL == (im->pop = calloc (json_array_size (a) + 1,
                                      sizeof *im->pop)))
    internal (im, "out of memory");
  else if (a)
    json_array_foreach (a, i, x)
      read_population (im, x, i);

  a = get_array (im, "", root, "complaints");
  json_t *seen = json_object ();
  if (a && ! SLOTS (im, cpl, a))
    internal (im, "out of memory");
  else if (a)
    json_array_foreach (a, i, x)
      read_complaint (im, x, i, seen);
  json_decref (seen);

  a = get_array (im, "", root, "wbs");
  unsigned char pk[32];
  bool have_pk = STORE_OK == store_unit_key_get (im->app->store, im->unit.id,
                                                 "wbs", pk, NULL);
  if (a && ! SLOTS (im, wbs, a))
    internal (im, "out of memory");
  else if (a)
    json_array_foreach (a, i, x)
      read_wbs (im, x, i, have_pk ? pk : NULL);

  a = get_array (im, "", root, "survey_responses");
  if (a && ! SLOTS (im, srv, a))
    internal (im, "out of memory");
  else if (a)
    json_array_foreach (a, i, x)
      read_survey (im, x, i);

  a = get_array (im, "", root, "survey_history");
  if (a && NULL == (im->hist = calloc (json_array_size (a) + 1,
                                       sizeof *im->hist)))
    internal (im, "out of memory");
  else if (a)
    json_array_foreach (a, i, x)
      read_history (im, x, i);

  a = get_array (im, "", root, "recommendations");
  if (a && ! SLOTS (im, rec, a))
    internal (im, "out of memory");
  else if (a)
    json_array_foreach (a, i, x)
      read_rec (im, x, i);

  /* The survey's answers name the form version they were given on. */
  const struct embed_file *skm = embed_find (embed_forms, "skm.json");
  if (skm)
    vault_sha256_hex (skm->data, skm->len, im->skm_sha);
  else
    internal (im, "forms/skm.json is missing from the build");
  return 0 == im->total_errors && ! im->internal[0];
}

/* ---- the write ---- */

/* Complaint CP as it stands after its history, then the history itself,
   then the unit's sequence raised past its number. */
static enum store_status
write_complaint (struct store_conn *c, struct import *im, struct cpl *cp)
{
  struct import_complaint_row r = {
    .unit_id = im->unit.id, .tracking = cp->tracking,
    .public_id = cp->public_id, .category_id = cp->category_id,
    .class_ = val_str (cp->values, "class") ? val_str (cp->values, "class")
              : "PENGADUAN",
    .channel = cp->channel, .lapor_id = cp->lapor_id,
    .privacy = val_str (cp->values, "privacy"),
    .description = val_str (cp->values, "description"),
    .location = val_str (cp->values, "location"),
    .incident_date = val_str (cp->values, "incident_date"),
    .requested = val_str (cp->values, "requested_resolution"),
    .identity_ct = cp->identity_ct, .identity_ct_len = cp->identity_ct_len,
    .identity_key = cp->identity_key, .access_hash = cp->access_hash,
    .received_at = cp->received_at, .received_date = cp->received_date,
  };
  const struct cev *section_ev;
  char due[11];
  int64_t id;
  complaint_final (im, cp, &r, due, &section_ev);
  r.section_id = section_ev ? section_ev->section_id : 0;
  enum store_status st = store_import_complaint_insert (c, &r, &id);
  for (size_t k = 0; STORE_OK == st && k < cp->n_ev; k++)
  {
    const struct cev *e = &cp->ev[k];
    struct complaint_event_new ne = {
      .kind = e->kind, .from = e->from, .to = e->to, .at = e->at,
      .actor = e->actor, .note = e->note ? e->note : "",
      .section_id = e->section_id, .value = e->value };
    st = store_complaint_event_insert (c, id, &ne);
    if (STORE_OK == st)
      im->counts.complaint_events++;
  }
  if (STORE_OK == st)
    st = store_import_seq_raise (c, im->unit.id, cp->year, cp->seq);
  if (STORE_OK == st)
    im->counts.complaints++;
  return st;
}

/* Report W through the live store functions (insert with its DITERIMA
   event, each status change with its deadline and forwarding, messages),
   then its identity requests and the import mark. */
static enum store_status
write_wbs (struct store_conn *c, struct import *im, struct wrep *w)
{
  enum store_status st = store_wbs_insert (c, &w->n);
  for (size_t k = 0; STORE_OK == st && k < w->n_ev; k++)
  {
    const struct wev *e = &w->ev[k];
    st = store_wbs_set_status (c, w->n.id, e->from, e->to, e->at, e->due,
                               e->actor, e->note_ct, e->note_len);
    if (STORE_OK == st && e->forward)
      st = store_wbs_forward (c, w->n.id, e->at, e->forward, e->actor,
                              e->ref_ct, e->ref_len);
    if (STORE_OK == st)
      im->counts.wbs_events++;
  }
  for (size_t k = 0; STORE_OK == st && k < w->n_msg; k++)
  {
    st = store_wbs_message (c, w->n.id, w->msg[k].at, w->msg[k].sender,
                            NULL, w->msg[k].ct, w->msg[k].len, false,
                            WBS_MSG_SEAL);
    if (STORE_OK == st)
      im->counts.wbs_messages++;
  }
  for (size_t k = 0; STORE_OK == st && k < w->n_req; k++)
  {
    const struct wreq *q = &w->req[k];
    bool decided = 0 != strcmp (q->status, "MENUNGGU");
    st = store_import_wbs_request (c, w->n.id, IMPORT_REQUESTER, q->ct,
                                   q->len, q->requested_at,
                                   decided ? IMPORT_REQUESTER : NULL,
                                   decided ? q->decided_at : 0, q->status);
    if (STORE_OK == st)
      im->counts.wbs_identity_requests++;
  }
  if (STORE_OK == st)
    st = store_import_wbs_finish (c, w->n.id, w->last_activity_at);
  if (STORE_OK == st)
    im->counts.wbs++;
  return st;
}

/* Resolve every code the file names, and refuse tracking numbers the unit
   has: all of it before anything is written.  STORE_NO_ROW with the
   errors when the file does not fit the unit. */
static enum store_status
resolve (struct store_conn *c, struct import *im)
{
  char p[PATH_CAP];
  enum store_status st;
  for (size_t i = 0; i < im->n_cpl; i++)
  {
    struct cpl *cp = &im->cpl[i];
    const char *cat = val_str (cp->values, "category");
    st = store_import_category_id (c, im->unit.id, cat, &cp->category_id);
    if (STORE_NO_ROW == st)
      fail (im, sub (p, cp->path, "category"), "unknown category code"
            " '%.40s' (see 'wadah unit category list')", cat);
    else if (STORE_OK != st)
      return st;
    st = store_import_tracking_exists (c, im->unit.id, cp->tracking);
    if (STORE_OK == st)
      fail (im, sub (p, cp->path, "tracking"), "%s already exists in unit"
            " '%s'", cp->tracking, im->unit.slug);
    else if (STORE_NO_ROW != st)
      return st;
    for (size_t k = 0; k < cp->n_ev; k++)
    {
      struct cev *e = &cp->ev[k];
      e->section_id = 0;
      if (NULL == e->section)
        continue;
      st = store_import_section_id (c, im->unit.id, e->section,
                                    &e->section_id);
      if (STORE_NO_ROW == st)
        fail (im, sub (p, e->path, "section"), "unknown section code"
              " '%.40s' (add it with 'wadah unit section add')",
              e->section);
      else if (STORE_OK != st)
        return st;
    }
  }
  for (size_t i = 0; i < im->n_srv; i++)
  {
    struct srv *s = &im->srv[i];
    st = store_import_service_id (c, im->unit.id, s->service,
                                  &s->rec.service_id);
    if (STORE_NO_ROW == st)
      fail (im, sub (p, s->path, "service"), "unknown service code"
            " '%.40s' (add it with 'wadah unit service add')", s->service);
    else if (STORE_OK != st)
      return st;
  }
  return im->total_errors ? STORE_NO_ROW : STORE_OK;
}

enum store_status
import_run (struct store_conn *c, void *cls)
{
  struct import *im = cls;
  enum store_status st;
  int64_t now = (int64_t) time (NULL);
  /* A second run (store.h) starts over. */
  im->n_errors = 0;
  im->total_errors = 0;
  memset (&im->counts, 0, sizeof im->counts);
  if (STORE_OK != (st = resolve (c, im)))
    return st;
  for (size_t i = 0; i < im->n_set; i++)
  {
    if (STORE_OK != (st = store_setting_set (c, im->unit.id, im->set[i].key,
                                             im->set[i].value)))
      return st;
    im->counts.settings++;
  }
  for (size_t i = 0; i < im->n_hol; i++)
  {
    if (STORE_OK != (st = store_holiday_upsert (c, im->unit.id,
                                                im->hol[i].day,
                                                im->hol[i].name,
                                                im->hol[i].kind)))
      return st;
    im->counts.holidays++;
  }
  for (size_t i = 0; i < im->n_pop; i++)
  {
    if (STORE_OK != (st = store_population_set (c, im->unit.id,
                                                im->pop[i].period,
                                                im->pop[i].n)))
      return st;
    im->counts.populations++;
  }
  for (size_t i = 0; i < im->n_cpl; i++)
    if (STORE_OK != (st = write_complaint (c, im, &im->cpl[i])))
      return st;
  for (size_t i = 0; i < im->n_wbs; i++)
    if (STORE_OK != (st = write_wbs (c, im, &im->wbs[i])))
      return st;
  if (im->n_srv)
  {
    const struct form *f = im->app->survey;
    const struct embed_file *skm = embed_find (embed_forms, "skm.json");
    st = store_import_form_register (c, f->id, f->version, im->skm_sha,
                                     skm ? skm->data : "");
    if (STORE_NO_ROW == st)
    {
      internal (im, "forms/skm.json changed but its version did not");
      return STORE_HARD_ERROR;
    }
    if (STORE_OK != st)
      return st;
  }
  for (size_t i = 0; i < im->n_srv; i++)
  {
    im->srv[i].rec.channel = im->srv[i].channel;
    im->srv[i].rec.source = "import";
    if (STORE_OK != (st = store_survey_insert (c, &im->srv[i].rec)))
      return st;
    im->counts.survey_responses++;
  }
  for (size_t i = 0; i < im->n_hist; i++)
  {
    const struct hist *h = &im->hist[i];
    if (STORE_OK != (st = store_import_history_upsert (c, im->unit.id,
                                                       h->period,
                                                       h->respondents,
                                                       h->ikm25, h->nrr,
                                                       h->source)))
      return st;
    im->counts.survey_history++;
  }
  for (size_t i = 0; i < im->n_rec; i++)
  {
    const struct rec *r = &im->rec[i];
    struct import_rec_row row = {
      .unit_id = im->unit.id, .domain = r->domain,
      .source_doc = r->source_doc, .source_period = r->source_period,
      .source_date = r->source_date, .unsur = r->unsur,
      .finding = r->finding, .text = r->text,
      .pic_jabatan = r->pic_jabatan, .pic_name = r->pic_name,
      .target_date = r->target_date, .indicator = r->indicator,
      .created_by = IMPORT_ACTOR, .created_at = now };
    int64_t id;
    if (STORE_OK != (st = store_import_rec_insert (c, &row, &id)))
      return st;
    for (size_t k = 0; k < r->n_ev; k++)
    {
      const struct rev *e = &r->ev[k];
      if (STORE_OK != (st = store_import_rec_event (c, id, e->at, e->status,
                                                    e->note, e->evidence_ref,
                                                    e->actor)))
        return st;
      im->counts.recommendation_events++;
    }
    im->counts.recommendations++;
  }
  const struct import_counts *n = &im->counts;
  char detail[400];
  snprintf (detail, sizeof detail, "sha256=%s complaints=%zu"
            " complaint_events=%zu wbs=%zu survey_responses=%zu"
            " survey_history=%zu recommendations=%zu populations=%zu"
            " settings=%zu holidays=%zu", im->sha256, n->complaints,
            n->complaint_events, n->wbs, n->survey_responses,
            n->survey_history, n->recommendations, n->populations,
            n->settings, n->holidays);
  return audit_append (c, im->unit.id, "cli", "import", im->name, detail);
}

/* ---- results ---- */

size_t
import_errors (const struct import *im, const char *const **msgs,
               size_t *total)
{
  *msgs = im->errs;
  if (total)
    *total = im->total_errors;
  return im->n_errors;
}

const char *
import_internal (const struct import *im)
{
  return im->internal[0] ? im->internal : NULL;
}

const struct import_counts *
import_counts (const struct import *im)
{
  return &im->counts;
}

void
import_free (struct import *im)
{
  if (NULL == im)
    return;
  for (size_t i = 0; i < im->n_cpl; i++)
  {
    json_decref (im->cpl[i].values);
    free (im->cpl[i].identity_ct);
    free (im->cpl[i].ev);
  }
  for (size_t i = 0; i < im->n_wbs; i++)
  {
    struct wrep *w = &im->wbs[i];
    json_decref (w->values);
    free (w->body);
    for (size_t k = 0; w->ev && k < w->n_ev; k++)
    {
      free (w->ev[k].note_ct);
      free (w->ev[k].ref_ct);
    }
    for (size_t k = 0; w->msg && k < w->n_msg; k++)
      free (w->msg[k].ct);
    for (size_t k = 0; w->req && k < w->n_req; k++)
      free (w->req[k].ct);
    free (w->ev);
    free (w->msg);
    free (w->req);
  }
  for (size_t i = 0; i < im->n_srv; i++)
    json_decref (im->srv[i].values);
  for (size_t i = 0; i < im->n_hist; i++)
    free (im->hist[i].nrr);
  for (size_t i = 0; i < im->n_rec; i++)
    free (im->rec[i].ev);
  free (im->cpl);
  free (im->wbs);
  free (im->srv);
  free (im->hist);
  free (im->rec);
  free (im->pop);
  free (im->set);
  free (im->hol);
  cal_free (&im->cal);
  json_decref (im->root);
  vault_wipe (im, sizeof *im);
  free (im);
}
