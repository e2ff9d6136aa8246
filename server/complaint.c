/* See complaint.h. */
#include "complaint.h"
#include "audit.h"
#include "roles.h"
#include "vault.h"
#include "ikm.h"
#include "jsonout.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What every complaint of a unit needs and an administrator rarely
   changes, kept per thread for CACHE_SECONDS: the unit's calendar, its
   identity public key and its complaint deadlines (hk_verify, hk_followup,
   hk_autoclose).  A change from `wadah unit` applies within that time. */
#define CACHE_SECONDS 10

static __thread struct {
  struct app *app;
  int64_t unit_id;
  time_t until;
  struct calendar cal;
  bool have_pk;
  unsigned char pk[32];
  int hk_verify, hk_followup, hk_autoclose;
} unit_cache;

/* The thread's cached calendar is freed when the thread ends (a key
   destructor: a __thread variable has none of its own). */
static pthread_key_t unit_cache_key;
static pthread_once_t unit_cache_once = PTHREAD_ONCE_INIT;

static void
unit_cache_drop (void *cache)
{
  (void) cache;
  cal_free (&unit_cache.cal);
  unit_cache.app = NULL;
}

static void
unit_cache_key_create (void)
{
  pthread_key_create (&unit_cache_key, &unit_cache_drop);
}

static bool
unit_cache_fill (struct app *app, int64_t unit_id)
{
  time_t now = time (NULL);
  if (unit_cache.app == app && unit_cache.unit_id == unit_id
      && unit_cache.until > now)
    return true;
  struct calendar cal;
  if (! complaint_calendar_load (app->store, unit_id, &cal))
  {
    cal_free (&cal);
    return false;
  }
  if (unit_cache.app)
    cal_free (&unit_cache.cal);
  else
  {
    pthread_once (&unit_cache_once, &unit_cache_key_create);
    pthread_setspecific (unit_cache_key, &unit_cache);
  }
  unit_cache.cal = cal;
  unit_cache.have_pk = STORE_OK == store_unit_key_get (app->store, unit_id,
                                                       "identity",
                                                       unit_cache.pk, NULL);
  unit_cache.hk_verify = complaint_setting_int (app, unit_id, "hk_verify",
                                                COMPLAINT_HK_VERIFY);
  unit_cache.hk_followup = complaint_setting_int (app, unit_id,
                                                  "hk_followup",
                                                  COMPLAINT_HK_FOLLOWUP);
  unit_cache.hk_autoclose = complaint_setting_int (app, unit_id,
                                                   "hk_autoclose",
                                                   COMPLAINT_HK_AUTOCLOSE);
  unit_cache.app = app;
  unit_cache.unit_id = unit_id;
  unit_cache.until = now + CACHE_SECONDS;
  return true;
}

int
complaint_setting_int (struct app *app, int64_t unit_id, const char *key,
                       int def)
{
  return complaint_setting_int_of (app->store, unit_id, key, def);
}

int
complaint_setting_int_of (struct store *s, int64_t unit_id, const char *key,
                          int def)
{
  char v[32];
  if (STORE_OK != store_setting_get (s, unit_id, key, v, sizeof v))
    return def;
  char *end;
  long n = strtol (v, &end, 10);
  return (*end || n < 1 || n > 365) ? def : (int) n;
}

unsigned int
complaint_rahasia_roles (struct app *app, int64_t unit_id)
{
  char v[200];
  unsigned int mask = 0;
  if (STORE_OK != store_setting_get (app->store, unit_id, "rahasia_roles", v,
                                     sizeof v))
    return ROLE_ADMIN;
  for (char *save = NULL, *t = strtok_r (v, ", ", &save); t;
       t = strtok_r (NULL, ", ", &save))
    mask |= role_from_name (t);
  return mask ? mask : ROLE_ADMIN;
}

bool
complaint_calendar_load (struct store *s, int64_t unit_id,
                         struct calendar *cal)
{
  struct holiday_row *h = NULL;
  size_t n = 0;
  cal_init (cal);
  if (STORE_OK != store_holiday_list (s, unit_id, &h, &n))
    return false;
  bool ok = true;
  for (size_t i = 0; i < n && ok; i++)
  {
    int32_t day;
    /* A national holiday the unit marked "dihapus" is a working day. */
    if (0 == strcmp (h[i].kind, "dihapus"))
      continue;
    if (cal_parse (h[i].day, &day))
      ok = cal_add_holiday (cal, day);
  }
  /* Unit rows override national ones of the same day: remove those the
     unit marked as working days. */
  for (size_t i = 0; i < n; i++)
    if (h[i].unit_id != 0 && 0 == strcmp (h[i].kind, "dihapus"))
    {
      int32_t day;
      if (cal_parse (h[i].day, &day))
        for (size_t k = 0; k < cal->n; k++)
          if (cal->days[k] == day)
          {
            memmove (&cal->days[k], &cal->days[k + 1],
                     (cal->n - k - 1) * sizeof *cal->days);
            cal->n--;
            break;
          }
    }
  free (h);
  return ok;
}

bool
complaint_calendar (struct app *app, int64_t unit_id, struct calendar *cal)
{
  cal_init (cal);
  if (! unit_cache_fill (app, unit_id))
    return false;
  for (size_t i = 0; i < unit_cache.cal.n; i++)
    if (! cal_add_holiday (cal, unit_cache.cal.days[i]))
      return false;
  return true;
}

void
complaint_due (struct app *app, int64_t unit_id, const struct cstage *st,
               int32_t today, char out[11])
{
  out[0] = '\0';
  if (! unit_cache_fill (app, unit_id))
    return;
  int32_t due = cstage_due (st, &unit_cache.cal, today, unit_cache.hk_verify,
                            unit_cache.hk_followup, unit_cache.hk_autoclose);
  if (due >= 0)
    cal_format (due, out);
}

int32_t
complaint_local_day (int64_t at, int utc_offset_min)
{
  /* Day numbers count from 1970-01-01 (calendar.h): the local day is the
     floor of the local seconds over a day. */
  int64_t local = at + (int64_t) utc_offset_min * 60;
  return (int32_t) (local / 86400 - (local % 86400 < 0));
}

bool
complaint_stage_of (struct store_conn *c, const struct complaint_rec *rec,
                    int utc_offset_min, struct cstage *st)
{
  int32_t received = 0;
  cal_parse (rec->received_date, &received);
  cstage_init (st, received);
  struct complaint_event *ev = NULL;
  size_t n = 0;
  if (STORE_OK != store_conn_complaint_events (c, rec->id, &ev, &n))
    return false;
  for (size_t i = 0; i < n; i++)
    cstage_step (st, cstatus_from_name (ev[i].from),
                 cstatus_from_name (ev[i].to),
                 complaint_local_day (ev[i].at, utc_offset_min));
  free (ev);
  return true;
}

static const char code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

void
complaint_code_format (const unsigned char r[COMPLAINT_CODE_RANDOM],
                       char out[COMPLAINT_CODE_LEN])
{
  size_t o = 0;
  for (int i = 0; i < COMPLAINT_CODE_RANDOM; i++)
  {
    if (i && i % 4 == 0)
      out[o++] = '-';
    out[o++] = code_alphabet[r[i] & 31];
  }
  out[o] = '\0';
}

void
complaint_code_new (char out[COMPLAINT_CODE_LEN])
{
  unsigned char r[COMPLAINT_CODE_RANDOM];
  vault_random (r, sizeof r);
  complaint_code_format (r, out);
  vault_wipe (r, sizeof r);
}

bool
complaint_code_normalise (const char *typed, char norm[13])
{
  size_t n = 0;
  for (; typed && *typed; typed++)
  {
    char c = *typed;
    if (c == '-' || c == ' ')
      continue;
    if (c >= 'a' && c <= 'z')
      c = (char) (c - 'a' + 'A');
    if (n == 12 || NULL == strchr (code_alphabet, c))
      return false;
    norm[n++] = c;
  }
  norm[n] = '\0';
  return n == 12;
}

bool
complaint_seal_identity (struct app *app, int64_t unit_id,
                         const struct form *f, json_t *values,
                         const char *public_id, unsigned char **ct,
                         size_t *ct_len, unsigned char key[STORE_RECORD_KEY])
{
  json_t *id = json_object ();
  char ad[80];
  *ct = NULL;
  *ct_len = 0;
  for (size_t i = 0; i < f->n_fields; i++)
    if (f->fields[i].identity)
    {
      json_t *v = json_object_get (values, f->fields[i].name);
      if (v)
        json_object_set (id, f->fields[i].name, v);
    }
  if (0 == json_object_size (id))
  {
    json_decref (id);
    return true;
  }
  char *plain = jsonout_dumps (id, 0);
  json_decref (id);
  if (NULL == plain || ! unit_cache_fill (app, unit_id)
      || ! unit_cache.have_pk)
  {
    free (plain);
    return false;
  }
  const unsigned char *pk = unit_cache.pk;
  snprintf (ad, sizeof ad, "complaint:%s", public_id);
  bool ok = vault_record_seal (pk, ad, plain, strlen (plain), ct, ct_len,
                               key);
  vault_wipe (plain, strlen (plain));
  free (plain);
  return ok;
}

json_t *
complaint_open_identity (struct app *app, int64_t unit_id,
                         const unsigned char *unit_sk,
                         const struct complaint_rec *c)
{
  unsigned char pk[32];
  char ad[80], *plain = NULL;
  size_t len;
  if (! c->has_identity || NULL == unit_sk
      || STORE_OK != store_unit_key_get (app->store, unit_id, "identity", pk,
                                         NULL))
    return NULL;
  snprintf (ad, sizeof ad, "complaint:%s", c->public_id);
  if (! vault_record_open (pk, unit_sk, c->identity_key, ad, c->identity_ct,
                           c->identity_ct_len, &plain, &len))
    return NULL;
  json_t *j = json_loadb (plain, len, 0, NULL);
  vault_wipe (plain, len);
  free (plain);
  return j;
}

int32_t
complaint_today (const struct unit *u)
{
  char d[11];
  int32_t day = 0;
  ikm_local_date ((int64_t) time (NULL), u->utc_offset_min, d);
  cal_parse (d, &day);
  return day;
}

bool
complaint_identity_pk (struct app *app, int64_t unit_id, unsigned char pk[32])
{
  if (! unit_cache_fill (app, unit_id) || ! unit_cache.have_pk)
    return false;
  memcpy (pk, unit_cache.pk, 32);
  return true;
}

/* ---- closing without a reply ---- */

struct autoclose_job {
  const struct autoclose_row *row;
  int hk;
  bool closed;
};

static enum store_status
autoclose_write (struct store_conn *c, void *cls)
{
  struct autoclose_job *j = cls;
  struct complaint_rec now;
  char note[160];
  enum store_status st = store_conn_complaint_get (c, j->row->unit_id,
                                                  j->row->tracking, &now);
  if (STORE_OK != st)
    return st;
  /* Only if nothing moved since the candidate was read. */
  bool still = 0 == strcmp (now.status, "DITINDAKLANJUTI")
               && 0 == strcmp (now.due_date, j->row->due_date);
  store_complaint_rec_free (&now);
  j->closed = false;
  if (! still)
    return STORE_OK;
  snprintf (note, sizeof note, "Ditutup otomatis: tidak ada balasan pelapor"
            " dalam %d hari kerja setelah tindak lanjut.", j->hk);
  struct complaint_event_new e = { .kind = "STATUS",
                                   .from = "DITINDAKLANJUTI",
                                   .to = "SELESAI",
                                   .at = (int64_t) time (NULL),
                                   .actor = "sistem", .note = note };
  st = store_complaint_set_status (c, j->row->id, "", &e);
  if (STORE_OK != st)
    return st;
  j->closed = true;
  return audit_append (c, j->row->unit_id, "sistem", "complaint_autoclose",
                       j->row->tracking, "");
}

unsigned int
complaint_autoclose (struct app *app)
{
  struct autoclose_row *rows = NULL;
  size_t n = 0;
  unsigned int closed = 0;
  if (STORE_OK != store_complaint_autoclose_candidates (app->store, &rows,
                                                        &n))
    return 0;
  for (size_t i = 0; i < n; i++)
  {
    char today[11];
    ikm_local_date ((int64_t) time (NULL), rows[i].utc_offset_min, today);
    /* The deadline day itself is still the reporter's. */
    if (strcmp (rows[i].due_date, today) >= 0)
      continue;
    struct autoclose_job j = {
      .row = &rows[i],
      .hk = complaint_setting_int (app, rows[i].unit_id, "hk_autoclose",
                                   COMPLAINT_HK_AUTOCLOSE)
    };
    if (STORE_OK == store_write_sync (app->store, &autoclose_write, &j)
        && j.closed)
      closed++;
  }
  free (rows);
  return closed;
}
