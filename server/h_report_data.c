/*
 * What the reports print besides the figures (REPORTS.md §7.6, §4): the
 * unit's document data (kop surat and logo, the place that dates a letter,
 * the LKE version, channel addresses, signatories with their validity,
 * the activity log) and the recommendation tracker (items from finalised
 * documents or written by staff, and their status events).
 *
 * JSON under /api/v1/u/{unit}/report-settings and …/recommendations;
 * pages /staff/laporan/pengaturan and /staff/tindak-lanjut.  A page's form
 * is turned into the same JSON the API takes and checked by the same
 * code, so both refuse the same things with the same field names.  Every
 * change is one write job with its audit entry: a refused part stores
 * nothing.  Documents themselves are in h_report.c.
 */
#include "audit.h"
#include "cohort.h"
#include "handlers.h"
#include "ikm.h"
#include "log.h"
#include "report.h"
#include "utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KOP_MAX_LINES 8
#define LOGO_MAX (256 * 1024)
#define MAX_ADD 20              /* signatories or activities in one call */
#define MAX_CHANNELS 20

static const char *const activity_kinds[] = {
  "rapat_monev", "rapat_monev_wbs", "sosialisasi_wbs", "sosialisasi",
  "lainnya", NULL
};
static const char *const activity_labels[] = {
  "Rapat monev pengaduan", "Rapat monev WBS", "Sosialisasi WBS",
  "Sosialisasi", "Lainnya", NULL
};
static const char *const rec_domains[] = { "PENGADUAN", "WBS", "SKM", "BK",
                                           "GRATIFIKASI", "ZI", NULL };
static const char *const rec_statuses[] = { "RENCANA", "PROSES", "SELESAI",
                                            "TIDAK_DILAKSANAKAN", NULL };
static const char *const rec_status_labels[] = {
  "Rencana", "Dalam proses", "Selesai", "Tidak dilaksanakan", NULL
};

static const char *
jstr (const json_t *o, const char *k)
{
  return json_string_value (json_object_get (o, k));
}

static int
index_in (const char *const *list, const char *s)
{
  for (int i = 0; s && list[i]; i++)
    if (0 == strcmp (list[i], s))
      return i;
  return -1;
}

static bool
is_date (const char *s)
{
  int32_t d;
  return s && 10 == strlen (s) && cal_parse (s, &d);
}

static void
today_of (const struct unit *u, char out[11])
{
  ikm_local_date ((int64_t) time (NULL), u->utc_offset_min, out);
}

/* A text field of O: absent is "" unless REQUIRED; at most MAX code
   points, valid text, one line unless MULTI.  False (ERRORS filled at
   PATH) when refused. */
static bool
text_field (const json_t *o, const char *key, const char *path,
            bool required, size_t max, bool multi, json_t *errors,
            const char **out)
{
  const json_t *v = json_object_get (o, key);
  *out = "";
  if (NULL == v || json_is_null (v))
  {
    if (required)
      h_field_error (errors, path, "required", "Wajib diisi.");
    return ! required;
  }
  if (! json_is_string (v))
  {
    h_field_error (errors, path, "invalid_type", "Harus berupa teks.");
    return false;
  }
  const char *s = json_string_value (v);
  size_t n = strlen (s);
  size_t blank = strspn (s, " \t\r\n");
  if (required && blank == n)
  {
    h_field_error (errors, path, "required", "Wajib diisi.");
    return false;
  }
  if (! utf8_valid_text (s, n) || (! multi && (strchr (s, '\n')
                                               || strchr (s, '\r'))))
  {
    h_field_error (errors, path, "invalid_text", multi
                   ? "Teks tidak sah." : "Teks satu baris.");
    return false;
  }
  if (utf8_length (s) > max)
  {
    char msg[80];
    snprintf (msg, sizeof msg, "Paling banyak %zu karakter.", max);
    h_field_error (errors, path, "too_long", msg);
    return false;
  }
  *out = s;
  return true;
}

static void
sub_path (char *out, size_t cap, const char *base, size_t i, const char *key)
{
  snprintf (out, cap, "%s[%zu]%s%s", base, i, key ? "." : "", key ? key : "");
}

/* ---- base64 (the logo in JSON) ---- */

static int
b64_value (unsigned char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+' || c == '-')
    return 62;
  if (c == '/' || c == '_')
    return 63;
  return -1;
}

/* Standard or URL-safe base64, padding optional, no other characters;
   false when malformed or when it decodes to more than MAX bytes. */
static bool
b64_decode (const char *s, size_t max, struct buf *out)
{
  /* "data:image/png;base64," is what a browser's FileReader gives. */
  if (0 == strncmp (s, "data:", 5))
  {
    const char *comma = strchr (s, ',');
    if (NULL == comma)
      return false;
    s = comma + 1;
  }
  unsigned int acc = 0;
  int bits = 0;
  size_t n = strlen (s);
  while (n && s[n - 1] == '=')
    n--;
  for (size_t i = 0; i < n; i++)
  {
    int v = b64_value ((unsigned char) s[i]);
    if (v < 0)
      return false;
    acc = (acc << 6) | (unsigned int) v;
    bits += 6;
    if (bits >= 8)
    {
      bits -= 8;
      char byte = (char) ((acc >> bits) & 0xff);
      if (out->len >= max)
        return false;
      buf_append (out, &byte, 1);
    }
  }
  return ! out->oom;
}

static bool
png_ok (const unsigned char *p, size_t n)
{
  return n >= 8 && 0 == memcmp (p, "\x89PNG\r\n\x1a\n", 8);
}

/* ======================================================================
   Unit document data
   ====================================================================== */

/* A checked change of the document data, ready for one write job. */
struct settings {
  struct unit unit;
  bool profile;                /* kop, place, lke_version, channels, logo */
  char *kop, *channels;        /* JSON texts (malloc'ed) */
  char place[80];
  char lke_version[8];
  struct buf logo;
  bool drop_logo;
  struct rs_signatory add[MAX_ADD];
  size_t n_add;
  struct { int64_t id; char valid_to[11]; } end[MAX_ADD];
  size_t n_end;
  struct rs_activity act[MAX_ADD];
  size_t n_act;
  char changed[200];           /* for the audit entry */
  json_t *errors;
  /* the page */
  bool html;
  const char *action;
  json_t *input;
  int chmap[MAX_CHANNELS];     /* channels[i] came from form row chmap[i] */
  int64_t end_id;              /* the signatory an "akhiri" form names */
};

static void
settings_free (void *p)
{
  struct settings *s = p;
  free (s->kop);
  free (s->channels);
  buf_free (&s->logo);
  json_decref (s->errors);
  json_decref (s->input);
  free (s);
}

static void
changed (struct settings *s, const char *what)
{
  size_t n = strlen (s->changed);
  snprintf (s->changed + n, sizeof s->changed - n, "%s%s", n ? ", " : "",
            what);
}

/* Check the profile keys of BODY against the stored profile CUR (kept
   where BODY says nothing); LOGO_RAW (may be NULL) is an uploaded file. */
static void
check_profile (struct settings *s, const json_t *body,
               const struct rs_profile *cur, const struct buf *logo_raw)
{
  json_t *e = s->errors;
  const json_t *kop = json_object_get (body, "kop");
  const json_t *chs = json_object_get (body, "channels");
  const json_t *logo = json_object_get (body, "logo");
  bool any = kop || chs || logo || logo_raw
             || json_object_get (body, "place")
             || json_object_get (body, "lke_version");
  if (! any)
    return;
  s->profile = true;
  snprintf (s->place, sizeof s->place, "%s", cur->place);
  snprintf (s->lke_version, sizeof s->lke_version, "%s", cur->lke_version);
  if (kop)
  {
    if (! json_is_array (kop))
      h_field_error (e, "kop", "invalid_type", "Daftar baris kop surat.");
    else if (json_array_size (kop) > KOP_MAX_LINES)
      h_field_error (e, "kop", "too_many", "Kop surat paling banyak 8"
                     " baris.");
    else
    {
      size_t i;
      json_t *v;
      char path[32];
      json_t *lines = json_array ();
      json_array_foreach (kop, i, v)
      {
        const char *line;
        sub_path (path, sizeof path, "kop", i, NULL);
        json_t *one = json_pack ("{s:O}", "x", v);
        if (text_field (one, "x", path, false, 160, false, e, &line))
          json_array_append_new (lines, json_string (line));
        json_decref (one);
      }
      s->kop = json_dumps (lines, JSON_COMPACT | JSON_ENSURE_ASCII);
      json_decref (lines);
    }
    changed (s, "kop");
  }
  if (NULL == s->kop)
    s->kop = strdup (cur->kop ? cur->kop : "[]");
  if (json_object_get (body, "place"))
  {
    const char *place;
    if (text_field (body, "place", "place", false, 60, false, e, &place))
    {
      if (strlen (place) >= sizeof s->place)
        h_field_error (e, "place", "too_long", "Terlalu panjang.");
      snprintf (s->place, sizeof s->place, "%s", place);
    }
    changed (s, "tempat");
  }
  if (json_object_get (body, "lke_version"))
  {
    const char *v = jstr (body, "lke_version");
    if (NULL == v || (strcmp (v, "2024") && strcmp (v, "2021")))
      h_field_error (e, "lke_version", "invalid_choice", "Versi LKE: 2024"
                     " atau 2021.");
    else
      snprintf (s->lke_version, sizeof s->lke_version, "%s", v);
    changed (s, "versi LKE");
  }
  if (chs)
  {
    if (! json_is_array (chs) || json_array_size (chs) > MAX_CHANNELS)
      h_field_error (e, "channels", "invalid_type", "Daftar paling banyak 20"
                     " {channel, address}.");
    else
    {
      json_t *out = json_array ();
      size_t i;
      json_t *v;
      char path[48];
      json_array_foreach (chs, i, v)
      {
        const char *k;
        json_t *x;
        bool shape = json_is_object (v);
        json_object_foreach ((json_t *) v, k, x)
          shape = shape && (0 == strcmp (k, "channel")
                            || 0 == strcmp (k, "address"));
        if (! shape)
        {
          sub_path (path, sizeof path, "channels", i, NULL);
          h_field_error (e, path, "invalid_type", "Objek {channel,"
                         " address}.");
          continue;
        }
        const char *ch, *addr;
        sub_path (path, sizeof path, "channels", i, "channel");
        bool ok = text_field (v, "channel", path, true, 16, false, e, &ch);
        bool known = false;
        for (int c = 0; ok && c < CH__COUNT; c++)
          known = known || 0 == strcmp (ch, cohort_channel_id[c]);
        if (ok && ! known)
        {
          h_field_error (e, path, "invalid_choice", "Kanal tidak dikenal.");
          ok = false;
        }
        sub_path (path, sizeof path, "channels", i, "address");
        ok = text_field (v, "address", path, true, 300, false, e, &addr)
             && ok;
        if (ok)
          json_array_append_new (out, json_pack ("{s:s, s:s}", "channel", ch,
                                                 "address", addr));
      }
      s->channels = json_dumps (out, JSON_COMPACT | JSON_ENSURE_ASCII);
      json_decref (out);
    }
    changed (s, "alamat kanal");
  }
  if (NULL == s->channels)
    s->channels = strdup (cur->channels ? cur->channels : "[]");
  if (logo_raw && logo_raw->len)
    buf_append (&s->logo, logo_raw->p, logo_raw->len);
  else if (json_is_null (logo))
    s->drop_logo = true;
  else if (logo && (! json_is_string (logo)
                    || ! b64_decode (json_string_value (logo), LOGO_MAX + 1,
                                     &s->logo)))
    h_field_error (e, "logo", "invalid", "Logo: berkas PNG dalam base64,"
                   " paling besar 256 KiB.");
  if (s->logo.len > LOGO_MAX)
    h_field_error (e, "logo", "too_large", "Logo paling besar 256 KiB.");
  else if (s->logo.len && ! png_ok ((const unsigned char *) s->logo.p,
                                    s->logo.len))
    h_field_error (e, "logo", "not_png", "Logo harus berkas PNG.");
  if (logo || (logo_raw && logo_raw->len))
    changed (s, s->drop_logo ? "logo dihapus" : "logo");
  if (NULL == s->kop || NULL == s->channels)
    h_field_error (e, "$", "internal", "Kehabisan memori.");
}

static const struct rs_signatory *
signatory_by_id (const struct rs_signatory *g, size_t n, int64_t id)
{
  for (size_t i = 0; i < n; i++)
    if (g[i].id == id)
      return &g[i];
  return NULL;
}

static void
check_signatories (struct settings *s, const json_t *body,
                   const struct rs_signatory *have, size_t n_have)
{
  json_t *e = s->errors;
  const json_t *add = json_object_get (body, "signatories_add");
  const json_t *end = json_object_get (body, "signatories_end");
  char path[64];
  if (add && (! json_is_array (add) || json_array_size (add) > MAX_ADD))
    h_field_error (e, "signatories_add", "invalid_type", "Daftar penanda"
                   " tangan (paling banyak 20).");
  else if (add)
  {
    size_t i;
    json_t *v;
    json_array_foreach (add, i, v)
    {
      static const char *const keys[] = { "role", "jabatan", "name",
                                          "pangkat", "nip", "valid_from",
                                          "valid_to", NULL };
      const char *k;
      json_t *x;
      if (! json_is_object (v))
      {
        sub_path (path, sizeof path, "signatories_add", i, NULL);
        h_field_error (e, path, "invalid_type", "Harus berupa objek.");
        continue;
      }
      json_object_foreach (v, k, x)
        if (index_in (keys, k) < 0)
        {
          sub_path (path, sizeof path, "signatories_add", i, k);
          h_field_error (e, path, "unknown_field", "Kolom tidak dikenal.");
        }
      struct rs_signatory *g = &s->add[s->n_add];
      memset (g, 0, sizeof *g);
      const char *role, *jab, *name, *pk, *nip, *from, *to;
      sub_path (path, sizeof path, "signatories_add", i, "role");
      if (text_field (v, "role", path, true, 12, false, e, &role)
          && strcmp (role, "kepala") && strcmp (role, "penyusun"))
        h_field_error (e, path, "invalid_choice", "Peran: kepala atau"
                       " penyusun.");
      snprintf (g->role, sizeof g->role, "%s", role);
      sub_path (path, sizeof path, "signatories_add", i, "jabatan");
      text_field (v, "jabatan", path, true, 190, false, e, &jab);
      snprintf (g->jabatan, sizeof g->jabatan, "%s", jab);
      sub_path (path, sizeof path, "signatories_add", i, "name");
      text_field (v, "name", path, true, 110, false, e, &name);
      snprintf (g->name, sizeof g->name, "%s", name);
      sub_path (path, sizeof path, "signatories_add", i, "pangkat");
      text_field (v, "pangkat", path, false, 75, false, e, &pk);
      snprintf (g->pangkat, sizeof g->pangkat, "%s", pk);
      sub_path (path, sizeof path, "signatories_add", i, "nip");
      if (text_field (v, "nip", path, true, 18, false, e, &nip))
      {
        bool digits = 18 == strlen (nip);
        for (const char *c = nip; digits && *c; c++)
          digits = *c >= '0' && *c <= '9';
        if (! digits)
          h_field_error (e, path, "invalid", "NIP terdiri atas 18 angka,"
                         " tanpa spasi.");
      }
      snprintf (g->nip, sizeof g->nip, "%s", nip);
      sub_path (path, sizeof path, "signatories_add", i, "valid_from");
      if (text_field (v, "valid_from", path, true, 10, false, e, &from)
          && ! is_date (from))
        h_field_error (e, path, "invalid_date", "Tanggal YYYY-MM-DD.");
      snprintf (g->valid_from, sizeof g->valid_from, "%s", from);
      sub_path (path, sizeof path, "signatories_add", i, "valid_to");
      if (text_field (v, "valid_to", path, false, 10, false, e, &to) && *to)
      {
        if (! is_date (to))
          h_field_error (e, path, "invalid_date", "Tanggal YYYY-MM-DD.");
        else if (is_date (from) && strcmp (to, from) < 0)
          h_field_error (e, path, "before_start", "Tidak boleh sebelum"
                         " tanggal mulai berlaku.");
      }
      snprintf (g->valid_to, sizeof g->valid_to, "%s", to);
      s->n_add++;
    }
    if (json_array_size (add))
      changed (s, "penanda tangan ditambah");
  }
  if (end && (! json_is_array (end) || json_array_size (end) > MAX_ADD))
    h_field_error (e, "signatories_end", "invalid_type", "Daftar {id,"
                   " valid_to}.");
  else if (end)
  {
    size_t i;
    json_t *v;
    json_array_foreach (end, i, v)
    {
      sub_path (path, sizeof path, "signatories_end", i, "id");
      const json_t *idv = json_object_get (v, "id");
      const struct rs_signatory *g = json_is_integer (idv)
        ? signatory_by_id (have, n_have, json_integer_value (idv)) : NULL;
      if (NULL == g)
      {
        h_field_error (e, path, "not_found", "Penanda tangan tidak"
                       " ditemukan.");
        continue;
      }
      const char *to;
      sub_path (path, sizeof path, "signatories_end", i, "valid_to");
      if (text_field (v, "valid_to", path, true, 10, false, e, &to))
      {
        if (! is_date (to))
          h_field_error (e, path, "invalid_date", "Tanggal YYYY-MM-DD.");
        else if (strcmp (to, g->valid_from) < 0)
          h_field_error (e, path, "before_start", "Tidak boleh sebelum"
                         " tanggal mulai berlaku.");
      }
      s->end[s->n_end].id = g->id;
      snprintf (s->end[s->n_end].valid_to, 11, "%s", to);
      s->n_end++;
    }
    if (json_array_size (end))
      changed (s, "masa berlaku penanda tangan diakhiri");
  }
}

static void
check_activities (struct settings *s, const json_t *body)
{
  json_t *e = s->errors;
  const json_t *add = json_object_get (body, "activities_add");
  char path[64];
  if (NULL == add)
    return;
  if (! json_is_array (add) || json_array_size (add) > MAX_ADD)
  {
    h_field_error (e, "activities_add", "invalid_type", "Daftar kegiatan"
                   " (paling banyak 20).");
    return;
  }
  size_t i;
  json_t *v;
  json_array_foreach (add, i, v)
  {
    static const char *const keys[] = { "kind", "date", "title", "place",
                                        "participants", "evidence_ref",
                                        NULL };
    const char *k;
    json_t *x;
    if (! json_is_object (v))
    {
      sub_path (path, sizeof path, "activities_add", i, NULL);
      h_field_error (e, path, "invalid_type", "Harus berupa objek.");
      continue;
    }
    json_object_foreach (v, k, x)
      if (index_in (keys, k) < 0)
      {
        sub_path (path, sizeof path, "activities_add", i, k);
        h_field_error (e, path, "unknown_field", "Kolom tidak dikenal.");
      }
    struct rs_activity *a = &s->act[s->n_act];
    memset (a, 0, sizeof *a);
    const char *kind, *day, *title, *place, *ev;
    sub_path (path, sizeof path, "activities_add", i, "kind");
    if (text_field (v, "kind", path, true, 31, false, e, &kind)
        && index_in (activity_kinds, kind) < 0)
      h_field_error (e, path, "invalid_choice", "Jenis: rapat_monev,"
                     " rapat_monev_wbs, sosialisasi_wbs, sosialisasi atau"
                     " lainnya.");
    snprintf (a->kind, sizeof a->kind, "%s", kind);
    sub_path (path, sizeof path, "activities_add", i, "date");
    if (text_field (v, "date", path, true, 10, false, e, &day)
        && ! is_date (day))
      h_field_error (e, path, "invalid_date", "Tanggal YYYY-MM-DD.");
    snprintf (a->day, sizeof a->day, "%s", day);
    sub_path (path, sizeof path, "activities_add", i, "title");
    text_field (v, "title", path, true, 190, false, e, &title);
    snprintf (a->title, sizeof a->title, "%s", title);
    sub_path (path, sizeof path, "activities_add", i, "place");
    text_field (v, "place", path, false, 110, false, e, &place);
    snprintf (a->place, sizeof a->place, "%s", place);
    sub_path (path, sizeof path, "activities_add", i, "evidence_ref");
    text_field (v, "evidence_ref", path, false, 190, false, e, &ev);
    snprintf (a->evidence_ref, sizeof a->evidence_ref, "%s", ev);
    a->participants = -1;
    const json_t *pv = json_object_get (v, "participants");
    sub_path (path, sizeof path, "activities_add", i, "participants");
    if (json_is_integer (pv) && json_integer_value (pv) >= 0
        && json_integer_value (pv) <= 100000)
      a->participants = json_integer_value (pv);
    else if (pv && ! json_is_null (pv))
      h_field_error (e, path, "invalid", "Jumlah peserta 0-100.000.");
    s->n_act++;
  }
  if (json_array_size (add))
    changed (s, "kegiatan ditambah");
}

/* Check BODY (and an uploaded LOGO_RAW) into S; S->errors names each
   problem. */
static enum store_status
settings_check (struct store *store, struct settings *s, const json_t *body,
                const struct buf *logo_raw)
{
  static const char *const allowed[] = { "kop", "place", "lke_version",
                                         "channels", "logo",
                                         "signatories_add",
                                         "signatories_end", "activities_add",
                                         NULL };
  s->errors = json_object ();
  if (! json_is_object (body))
  {
    h_field_error (s->errors, "$", "invalid_type", "Harus berupa objek"
                   " JSON.");
    return STORE_OK;
  }
  const char *k;
  json_t *v;
  json_object_foreach ((json_t *) body, k, v)
    if (index_in (allowed, k) < 0)
      h_field_error (s->errors, k, "unknown_field", "Kolom tidak dikenal.");
  if (0 == json_object_size (body) && ! (logo_raw && logo_raw->len))
    h_field_error (s->errors, "$", "empty", "Tidak ada yang diubah.");
  struct rs_profile cur;
  enum store_status st = rs_profile_get (store, s->unit.id, &cur);
  if (STORE_OK != st && STORE_NO_ROW != st)
  {
    rs_profile_free (&cur);
    return st;
  }
  check_profile (s, body, &cur, logo_raw);
  rs_profile_free (&cur);
  struct rs_signatory *g = NULL;
  size_t ng = 0;
  if (json_object_get (body, "signatories_end"))
  {
    st = rs_signatories (store, s->unit.id, &g, &ng);
    if (STORE_OK != st)
      return st;
  }
  check_signatories (s, body, g, ng);
  free (g);
  check_activities (s, body);
  return STORE_OK;
}

/* Store S (checked) in one job, by WHO. */
static enum store_status
settings_store (struct store_conn *c, struct settings *s, const char *who)
{
  int64_t now = (int64_t) time (NULL), id;
  enum store_status st = STORE_OK;
  if (s->profile)
    st = rs_profile_set (c, s->unit.id, s->kop, s->place, s->lke_version,
                         s->channels, s->logo.len
                         ? (const unsigned char *) s->logo.p : NULL,
                         s->logo.len, s->drop_logo, now);
  for (size_t i = 0; STORE_OK == st && i < s->n_add; i++)
    st = rs_signatory_add (c, s->unit.id, &s->add[i], now, &id);
  for (size_t i = 0; STORE_OK == st && i < s->n_end; i++)
    st = rs_signatory_end (c, s->unit.id, s->end[i].id, s->end[i].valid_to);
  for (size_t i = 0; STORE_OK == st && i < s->n_act; i++)
    st = rs_activity_add (c, s->unit.id, &s->act[i], who, now, &id);
  if (STORE_OK != st)
    return st;
  return audit_append (c, s->unit.id, who, "report_settings",
                       "data dokumen", s->changed);
}

/* The write job of a request (the HTTP layer resumes with the request). */
static enum store_status
settings_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  return settings_store (c, r->state, r->session->username);
}

struct settings_cli {
  struct settings *s;
  const char *who;
};

static enum store_status
settings_cli_write (struct store_conn *c, void *cls)
{
  struct settings_cli *k = cls;
  return settings_store (c, k->s, k->who);
}

enum store_status
report_settings_apply (struct store *store, const struct unit *u,
                       const json_t *body, const char *who, json_t **errors)
{
  struct settings *s = calloc (1, sizeof *s);
  *errors = NULL;
  if (NULL == s)
    return STORE_HARD_ERROR;
  s->unit = *u;
  enum store_status st = settings_check (store, s, body, NULL);
  if (STORE_OK == st && json_object_size (s->errors))
  {
    *errors = s->errors;
    s->errors = NULL;
    st = STORE_NO_ROW;
  }
  else if (STORE_OK == st)
  {
    struct settings_cli k = { s, who };
    st = store_write_sync (store, &settings_cli_write, &k);
  }
  settings_free (s);
  return st;
}

static json_t *
settings_json (struct req *r, const struct unit *u)
{
  struct rs_profile p;
  struct rs_signatory *g = NULL;
  struct rs_activity *a = NULL;
  size_t ng = 0, na = 0;
  enum store_status st = rs_profile_get (r->app->store, u->id, &p);
  if ((STORE_OK != st && STORE_NO_ROW != st)
      || STORE_OK != rs_signatories (r->app->store, u->id, &g, &ng)
      || STORE_OK != rs_activities (r->app->store, u->id, NULL,
                                    "0001-01-01", "9999-12-31", &a, &na))
  {
    rs_profile_free (&p);
    free (g);
    free (a);
    return NULL;
  }
  json_t *kop = json_loads (p.kop ? p.kop : "[]", 0, NULL);
  json_t *chs = json_loads (p.channels ? p.channels : "[]", 0, NULL);
  json_t *logo = json_null ();
  if (p.logo && p.logo_len)
  {
    char sha[65];
    report_sha256_hex (p.logo, p.logo_len, sha);
    logo = json_pack ("{s:I, s:s}", "size", (json_int_t) p.logo_len,
                      "sha256", sha);
  }
  json_t *gj = json_array (), *aj = json_array ();
  for (size_t i = 0; i < ng; i++)
  {
    json_t *o = json_pack ("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                           (json_int_t) g[i].id, "role", g[i].role,
                           "jabatan", g[i].jabatan, "name", g[i].name,
                           "pangkat", g[i].pangkat, "nip", g[i].nip,
                           "valid_from", g[i].valid_from);
    json_object_set_new (o, "valid_to", g[i].valid_to[0]
                         ? json_string (g[i].valid_to) : json_null ());
    json_array_append_new (gj, o);
  }
  for (size_t i = 0; i < na; i++)
  {
    json_t *o = json_pack ("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
                           (json_int_t) a[i].id, "kind", a[i].kind, "date",
                           a[i].day, "title", a[i].title, "place",
                           a[i].place, "evidence_ref", a[i].evidence_ref);
    json_object_set_new (o, "participants", a[i].participants >= 0
                         ? json_integer (a[i].participants) : json_null ());
    json_array_append_new (aj, o);
  }
  json_t *out = json_pack ("{s:o, s:s, s:s, s:o, s:o, s:o, s:o}", "kop",
                           kop ? kop : json_array (), "place", p.place,
                           "lke_version", p.lke_version, "channels",
                           chs ? chs : json_array (), "logo", logo,
                           "signatories", gj, "activities", aj);
  rs_profile_free (&p);
  free (g);
  free (a);
  return out;
}

static enum hres
settings_begin (struct req *r, bool html, struct settings **out)
{
  struct settings *s = calloc (1, sizeof *s);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  s->html = html;
  r->state = s;
  r->state_free = &settings_free;
  *out = s;
  enum store_status st = store_unit_by_slug (r->app->store,
                                             r->session->unit_slug,
                                             &s->unit);
  return STORE_OK == st ? H_CONTINUE : h_store_error (r, st);
}

/* GET /api/v1/u/{unit}/report-settings */
enum hres
h_api_report_settings (struct req *r)
{
  struct settings *s;
  enum hres h = settings_begin (r, false, &s);
  if (H_CONTINUE != h)
    return h;
  json_t *j = settings_json (r, &s->unit);
  if (NULL == j)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return http_reply_json (r, 200, j);
}

static enum hres settings_page (struct req *r, struct settings *s,
                                unsigned int status);

static enum hres
settings_saved (struct req *r)
{
  struct settings *s = r->state;
  if (r->job_status < 0 || STORE_OK != r->job_status)
  {
    if (STORE_NO_ROW == r->job_status)
      return http_reply_error (r, ERR_CONFLICT, NULL);
    return h_store_error (r, r->job_status < 0 ? r->job_status
                                               : STORE_HARD_ERROR);
  }
  if (s->html)
  {
    char loc[96];
    snprintf (loc, sizeof loc, "/staff/laporan/pengaturan?ok=%s#%s",
              s->action, s->action);
    return http_redirect (r, loc);
  }
  json_t *j = settings_json (r, &s->unit);
  if (NULL == j)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return http_reply_json (r, 200, j);
}

/* Check BODY, then store it all in one job or nothing. */
static enum hres
settings_apply (struct req *r, struct settings *s, const json_t *body,
                const struct buf *logo_raw)
{
  enum store_status st = settings_check (r->app->store, s, body, logo_raw);
  if (STORE_OK != st)
    return h_store_error (r, st);
  if (json_object_size (s->errors))
  {
    if (s->html)
      return settings_page (r, s, 400);
    json_t *e = s->errors;
    s->errors = NULL;
    return http_reply_error (r, ERR_VALIDATION, e);
  }
  r->job.run = &settings_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &settings_saved);
}

/* POST /api/v1/u/{unit}/report-settings
   {kop?, place?, lke_version?, channels?, logo? (base64 PNG, null to
    remove), signatories_add?, signatories_end?, activities_add?} */
enum hres
h_api_report_settings_post (struct req *r)
{
  struct settings *s;
  enum hres h = settings_begin (r, false, &s);
  if (H_CONTINUE != h)
    return h;
  return settings_apply (r, s, r->json, NULL);
}

/* ---- the page ---- */

/* A form field's id for an error path of the JSON shape, and its label
   for the error summary. */
static void
field_id (const struct settings *s, const char *path, char *out, size_t cap,
          const char **label)
{
  static const struct { const char *id, *label; } labels[] = {
    { "p-kop", "Kop surat" }, { "p-place", "Tempat" },
    { "p-lke-version", "Versi LKE" }, { "p-logo", "Logo" },
    { "s-role", "Peran" }, { "s-jabatan", "Jabatan" }, { "s-name", "Nama" },
    { "s-pangkat", "Pangkat/golongan" }, { "s-nip", "NIP" },
    { "s-valid-from", "Berlaku mulai" }, { "s-valid-to", "Berlaku sampai" },
    { "a-kind", "Jenis kegiatan" }, { "a-date", "Tanggal" },
    { "a-title", "Nama kegiatan" }, { "a-place", "Tempat" },
    { "a-participants", "Jumlah peserta" },
    { "a-evidence-ref", "Rujukan bukti" },
  };
  *label = "Isian";
  if (0 == strncmp (path, "signatories_add[0].", 19))
    snprintf (out, cap, "s-%s", path + 19);
  else if (0 == strncmp (path, "activities_add[0].", 18))
    snprintf (out, cap, "a-%s", path + 18);
  else if (0 == strncmp (path, "signatories_end[0].", 19))
  {
    snprintf (out, cap, "e%lld-valid-to", (long long) s->end_id);
    *label = "Akhir masa berlaku";
    return;
  }
  else if (0 == strncmp (path, "kop", 3))
    snprintf (out, cap, "p-kop");
  else if (0 == strncmp (path, "channels[", 9))
  {
    /* channels[2].address -> the form row it came from */
    size_t n = strtoul (path + 9, NULL, 10);
    const char *dot = strchr (path, '.');
    bool chan = dot && 0 == strcmp (dot + 1, "channel");
    snprintf (out, cap, "p-ch%d-%s", n < MAX_CHANNELS ? s->chmap[n] : 0,
              chan ? "channel" : "address");
    *label = chan ? "Kanal" : "Alamat kanal";
    return;
  }
  else
    snprintf (out, cap, "p-%s", path);
  for (char *c = out; *c; c++)
    if (*c == '_')
      *c = '-';
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
    if (0 == strcmp (out, labels[i].id))
      *label = labels[i].label;
}

static enum hres
settings_page (struct req *r, struct settings *s, unsigned int status)
{
  json_t *ctx = h_staff_ctx (r, "Data dokumen laporan");
  json_t *cur = settings_json (r, &s->unit);
  if (NULL == cur)
  {
    json_decref (ctx);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  /* Kop lines as one text; channel rows with two blank ones to fill. */
  struct buf kop = { 0 };
  size_t i;
  json_t *v;
  json_array_foreach (json_object_get (cur, "kop"), i, v)
  {
    buf_puts (&kop, json_string_value (v));
    buf_puts (&kop, "\n");
  }
  json_object_set_new (ctx, "kop_text", json_string (kop.p ? kop.p : ""));
  buf_free (&kop);
  const json_t *chs = json_object_get (cur, "channels");
  json_t *rows = json_array ();
  size_t n = json_array_size (chs) + 2;
  if (n > MAX_CHANNELS)
    n = MAX_CHANNELS;
  for (i = 0; i < n; i++)
  {
    const json_t *c = json_array_get (chs, i);
    json_t *opts = json_array ();
    for (int k = 0; k < CH__COUNT; k++)
      json_array_append_new (opts, json_pack (
                               "{s:s, s:s, s:b}", "value",
                               cohort_channel_id[k], "label",
                               cohort_channel_label[k], "selected",
                               jstr (c, "channel")
                               && 0 == strcmp (jstr (c, "channel"),
                                               cohort_channel_id[k])));
    json_array_append_new (rows, json_pack (
                             "{s:I, s:I, s:s, s:o}", "i", (json_int_t) i,
                             "n", (json_int_t) i + 1, "address",
                             jstr (c, "address") ? jstr (c, "address") : "",
                             "options", opts));
  }
  json_object_set_new (ctx, "channel_rows", rows);
  json_t *lke = json_array ();
  static const char *const versions[] = { "2024", "2021" };
  static const char *const vlabels[] = {
    "2024 (PermenPANRB 90/2021 jo. 5/2024; evaluasi 2024-2025)",
    "2021 (LKE lama, penomoran 5.x/6.x)" };
  for (i = 0; i < 2; i++)
    json_array_append_new (lke, json_pack (
                             "{s:s, s:s, s:b}", "value", versions[i], "label",
                             vlabels[i], "selected",
                             0 == strcmp (versions[i], jstr (cur,
                                                             "lke_version"))));
  json_object_set_new (ctx, "lke_versions", lke);
  /* Signatories: who signs today, and every row with its validity. */
  char today[11];
  today_of (&s->unit, today);
  json_t *g;
  json_array_foreach (json_object_get (cur, "signatories"), i, g)
  {
    const char *to = jstr (g, "valid_to");
    bool now = strcmp (jstr (g, "valid_from"), today) <= 0
               && (NULL == to || strcmp (to, today) >= 0);
    json_object_set_new (g, "in_force", json_boolean (now));
    json_object_set_new (g, "open", json_boolean (NULL == to));
    json_object_set_new (g, "role_label", json_string (
                           0 == strcmp (jstr (g, "role"), "kepala")
                           ? "Kepala (penanda tangan)"
                           : "Penyusun"));
    char nip[32] = "";
    const char *raw = jstr (g, "nip");
    if (raw && 18 == strlen (raw))
      snprintf (nip, sizeof nip, "%.8s %.6s %.1s %.3s", raw, raw + 8,
                raw + 14, raw + 15);
    json_object_set_new (g, "nip_shown", json_string (nip[0] ? nip : raw));
  }
  json_t *a;
  json_array_foreach (json_object_get (cur, "activities"), i, a)
  {
    int k = index_in (activity_kinds, jstr (a, "kind"));
    json_object_set_new (a, "kind_label", json_string (
                           k >= 0 ? activity_labels[k] : jstr (a, "kind")));
  }
  json_t *kinds = json_array ();
  for (i = 0; activity_kinds[i]; i++)
    json_array_append_new (kinds, json_pack (
                             "{s:s, s:s, s:b}", "value", activity_kinds[i],
                             "label", activity_labels[i], "selected",
                             s->input && jstr (s->input, "a-kind")
                             && 0 == strcmp (jstr (s->input, "a-kind"),
                                             activity_kinds[i])));
  json_object_set_new (ctx, "activity_kinds", kinds);
  json_object_set_new (ctx, "cur", cur);
  json_object_set_new (ctx, "today", json_string (today));
  /* Errors by form field, and a summary in form order. */
  if (json_object_size (s->errors))
  {
    json_t *byid = json_object (), *list = json_array ();
    const char *path;
    json_t *e;
    json_object_foreach (s->errors, path, e)
    {
      char id[64];
      const char *label;
      field_id (s, path, id, sizeof id, &label);
      if (! json_object_get (byid, id))
        json_object_set (byid, id, json_object_get (e, "message"));
      /* "NIP: NIP terdiri ..." reads badly: the label only when the
         message does not start with it. */
      const char *msg = json_string_value (json_object_get (e, "message"));
      char text[300];
      if (msg && 0 == strncmp (msg, label, strlen (label)))
        snprintf (text, sizeof text, "%s", msg);
      else
        snprintf (text, sizeof text, "%s: %s", label, msg ? msg : "");
      json_array_append_new (list, json_pack ("{s:s, s:s}", "id", id,
                                              "text", text));
    }
    json_object_set_new (ctx, "err", byid);
    json_object_set_new (ctx, "errors", list);
  }
  if (s->input && s->action)
  {
    char k[32];
    snprintf (k, sizeof k, "in_%s", s->action);
    json_object_set (ctx, k, s->input);
  }
  static const struct { const char *key, *text; } oks[] = {
    { "profil", "Kop surat, tempat, versi LKE dan alamat kanal disimpan." },
    { "penandatangan", "Penanda tangan ditambahkan." },
    { "akhiri", "Masa berlaku penanda tangan diakhiri." },
    { "kegiatan", "Kegiatan dicatat." },
  };
  const char *ok = http_query (r, "ok");
  for (i = 0; ok && i < sizeof oks / sizeof oks[0]; i++)
    if (0 == strcmp (ok, oks[i].key))
      json_object_set_new (ctx, "notice", json_string (oks[i].text));
  json_object_set_new (ctx, "wide", json_true ());
  return http_reply_html (r, status, "staff-reports-settings.html", ctx);
}

/* GET /staff/laporan/pengaturan */
enum hres
h_staff_report_settings (struct req *r)
{
  struct settings *s;
  enum hres h = settings_begin (r, true, &s);
  if (H_CONTINUE != h)
    return h;
  return settings_page (r, s, 200);
}

static const char *
form_get (struct req *r, const char *key)
{
  const char *v = urlenc_get (&r->form, key);
  return v ? v : "";
}

/* Put form field KEY into O as KEY_OUT when not empty (IN keeps what was
   typed, for a refused form). */
static void
form_take (struct req *r, json_t *o, json_t *in, const char *key,
           const char *key_out)
{
  const char *v = urlenc_get (&r->form, key);
  if (v)
    json_object_set_new (in, key, json_string (v));
  if (v && *v)
    json_object_set_new (o, key_out, json_string (v));
}

/* POST /staff/laporan/pengaturan: action profil | penandatangan | akhiri
   | kegiatan, with the fields of that form (the logo as a file). */
enum hres
h_staff_report_settings_post (struct req *r)
{
  struct settings *s;
  enum hres h = settings_begin (r, true, &s);
  if (H_CONTINUE != h)
    return h;
  static const char *const actions[] = { "profil", "penandatangan",
                                         "akhiri", "kegiatan", NULL };
  int act = index_in (actions, urlenc_get (&r->form, "action"));
  if (act < 0)
    return http_reply_error (r, ERR_VALIDATION, NULL);
  s->action = actions[act];
  json_t *body = json_object ();
  s->input = json_object ();
  const struct buf *logo = NULL;
  if (0 == act)
  {
    /* One kop line per line; channel rows with an address. */
    json_t *kop = json_array ();
    const char *p = form_get (r, "kop");
    json_object_set_new (s->input, "p-kop", json_string (p));
    while (*p)
    {
      const char *e = strchr (p, '\n');
      size_t len = e ? (size_t) (e - p) : strlen (p);
      size_t b = len;
      while (b && (p[b - 1] == '\r' || p[b - 1] == ' '))
        b--;
      size_t a = 0;
      while (a < b && p[a] == ' ')
        a++;
      if (b > a)
        json_array_append_new (kop, json_stringn (p + a, b - a));
      p += len + (e ? 1 : 0);
    }
    json_object_set_new (body, "kop", kop);
    json_object_set_new (body, "place", json_string (form_get (r, "place")));
    json_object_set_new (s->input, "p-place",
                         json_string (form_get (r, "place")));
    json_object_set_new (body, "lke_version",
                         json_string (form_get (r, "lke_version")));
    json_t *chs = json_array ();
    for (size_t i = 0; i < MAX_CHANNELS; i++)
    {
      char kc[24], ka[24];
      snprintf (kc, sizeof kc, "ch%zu", i);
      snprintf (ka, sizeof ka, "addr%zu", i);
      const char *addr = form_get (r, ka), *ch = form_get (r, kc);
      if (*addr || *ch)
      {
        s->chmap[json_array_size (chs)] = (int) i;
        json_array_append_new (chs, json_pack ("{s:s, s:s}", "channel", ch,
                                               "address", addr));
      }
    }
    json_object_set_new (body, "channels", chs);
    if (urlenc_get (&r->form, "drop_logo"))
      json_object_set_new (body, "logo", json_null ());
    if (r->n_uploads > 0)
    {
      if (r->uploads[0].too_large || r->uploads[0].data.len > LOGO_MAX)
      {
        s->errors = json_object ();
        h_field_error (s->errors, "logo", "too_large", "Logo paling besar"
                       " 256 KiB.");
        json_decref (body);
        return settings_page (r, s, 400);
      }
      logo = &r->uploads[0].data;
    }
  }
  else if (1 == act)
  {
    json_t *g = json_object ();
    static const char *const keys[] = { "role", "jabatan", "name",
                                        "pangkat", "nip", "valid_from",
                                        "valid_to", NULL };
    for (size_t i = 0; keys[i]; i++)
    {
      char k[32], in[40];
      snprintf (k, sizeof k, "%s", keys[i]);
      snprintf (in, sizeof in, "s-%s", keys[i]);
      for (char *c = in; *c; c++)
        if (*c == '_')
          *c = '-';
      const char *v = urlenc_get (&r->form, k);
      json_object_set_new (s->input, in, json_string (v ? v : ""));
      if (v && *v)
        json_object_set_new (g, keys[i], json_string (v));
    }
    json_object_set_new (s->input, "is_penyusun", json_boolean (
                           0 == strcmp (form_get (r, "role"), "penyusun")));
    json_object_set_new (body, "signatories_add", json_pack ("[o]", g));
  }
  else if (2 == act)
  {
    const char *id = form_get (r, "id");
    s->end_id = atoll (id);
    json_object_set_new (body, "signatories_end", json_pack (
                           "[{s:I, s:s}]", "id", (json_int_t) atoll (id),
                           "valid_to", form_get (r, "valid_to")));
  }
  else
  {
    json_t *a = json_object ();
    form_take (r, a, s->input, "kind", "kind");
    form_take (r, a, s->input, "date", "date");
    form_take (r, a, s->input, "title", "title");
    form_take (r, a, s->input, "place", "place");
    form_take (r, a, s->input, "evidence_ref", "evidence_ref");
    const char *pp = form_get (r, "participants");
    json_object_set_new (s->input, "participants", json_string (pp));
    if (*pp)
    {
      char *end;
      long long n = strtoll (pp, &end, 10);
      json_object_set_new (a, "participants", *end ? json_string (pp)
                                                   : json_integer (n));
    }
    /* The page's ids for what was typed. */
    static const char *const ks[] = { "kind", "date", "title", "place",
                                      "evidence_ref", "participants", NULL };
    for (size_t i = 0; ks[i]; i++)
    {
      char id[40];
      snprintf (id, sizeof id, "a-%s", ks[i]);
      for (char *c = id; *c; c++)
        if (*c == '_')
          *c = '-';
      json_t *v = json_object_get (s->input, ks[i]);
      if (v)
        json_object_set (s->input, id, v);
    }
    json_object_set_new (body, "activities_add", json_pack ("[o]", a));
  }
  enum hres out = settings_apply (r, s, body, logo);
  json_decref (body);
  return out;
}

/* ======================================================================
   The recommendation tracker (REPORTS.md §4)
   ====================================================================== */

/* Tracker roles: tim_zi and admin for every domain, a WBS manager for
   the WBS domain only. */
static bool
tracker_all (unsigned int roles)
{
  return 0 != (roles & (ROLE_TIM_ZI | ROLE_ADMIN));
}

static bool
tracker_may (unsigned int roles, const char *domain)
{
  return tracker_all (roles)
         || ((roles & ROLE_PENGELOLA_WBS) && domain
             && 0 == strcmp (domain, "WBS"));
}

struct tracker {
  struct unit unit;
  bool html;
  struct rs_rec_new rec;
  char target[11];
  int64_t rec_id;
  const char *status, *note, *evidence;
  int64_t new_id;
  json_t *errors;
  json_t *input;
  json_t *body;               /* the page's form as JSON (REC points in) */
  int64_t error_rec;          /* the page: the item whose form was refused */
};

static void
tracker_free (void *p)
{
  struct tracker *t = p;
  json_decref (t->errors);
  json_decref (t->input);
  json_decref (t->body);
  free (t);
}

static enum hres
tracker_begin (struct req *r, bool html, struct tracker **out)
{
  struct tracker *t = calloc (1, sizeof *t);
  if (NULL == t)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  t->html = html;
  r->state = t;
  r->state_free = &tracker_free;
  *out = t;
  enum store_status st = store_unit_by_slug (r->app->store,
                                             r->session->unit_slug,
                                             &t->unit);
  return STORE_OK == st ? H_CONTINUE : h_store_error (r, st);
}

static const char *
status_label (const char *st)
{
  int i = index_in (rec_statuses, st);
  return i >= 0 ? rec_status_labels[i] : st;
}

/* The items the session may see (DOMAIN NULL: all of those), as JSON. */
static json_t *
recs_json (struct req *r, const struct unit *u, const char *domain,
           bool for_page)
{
  struct rs_rec *rows = NULL;
  size_t n = 0;
  if (STORE_OK != rs_recs (r->app->store, u->id, domain, &rows, &n))
    return NULL;
  char today[11], t[40];
  today_of (u, today);
  json_t *a = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    const struct rs_rec *x = &rows[i];
    if (! tracker_may (r->session->roles, x->domain))
      continue;
    json_t *ev = json_array ();
    const char *status = "RENCANA";
    int64_t at = 0;
    for (size_t k = 0; k < x->n_events; k++)
    {
      h_fmt_time (x->events[k].at, u->utc_offset_min, t, sizeof t);
      json_array_append_new (ev, json_pack (
                               "{s:s, s:s, s:s, s:s, s:s}", "at", t, "status",
                               x->events[k].status, "status_label",
                               status_label (x->events[k].status), "note",
                               x->events[k].note ? x->events[k].note : "",
                               "evidence_ref", x->events[k].evidence_ref
                               ? x->events[k].evidence_ref : ""));
      status = x->events[k].status;
      at = x->events[k].at;
    }
    bool closed = 0 == strcmp (status, "SELESAI")
                  || 0 == strcmp (status, "TIDAK_DILAKSANAKAN");
    json_t *o = json_pack (
      "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
      " s:b, s:b, s:o}",
      "id", (json_int_t) x->id, "domain", x->domain, "source_doc",
      x->source_doc, "source_period", x->source_period, "source_date",
      x->source_date, "unsur", x->unsur, "finding",
      x->finding ? x->finding : "", "text", x->text ? x->text : "",
      "pic_jabatan", x->pic_jabatan, "target_date", x->target_date,
      "indicator", x->indicator ? x->indicator : "", "status", status,
      "status_label", status_label (status), "closed", closed, "overdue",
      ! closed && strcmp (x->target_date, today) < 0, "events", ev);
    if (at)
    {
      h_fmt_time (at, u->utc_offset_min, t, sizeof t);
      json_object_set_new (o, "status_at", json_string (t));
    }
    if (for_page)
    {
      /* Preselect what an update usually says: work started on a
         planned item, otherwise the status as it stands. */
      const char *next = 0 == strcmp (status, "RENCANA") ? "PROSES" : status;
      json_t *opts = json_array ();
      for (size_t k = 0; rec_statuses[k]; k++)
        json_array_append_new (opts, json_pack (
                                 "{s:s, s:s, s:b}", "value", rec_statuses[k],
                                 "label", rec_status_labels[k], "selected",
                                 0 == strcmp (next, rec_statuses[k])));
      json_object_set_new (o, "statuses", opts);
      json_object_set_new (o, "is_wbs", json_boolean (
                             0 == strcmp (x->domain, "WBS")));
    }
    json_array_append_new (a, o);
  }
  rs_recs_free (rows, n);
  return a;
}

/* GET /api/v1/u/{unit}/recommendations?domain= */
enum hres
h_api_recommendations (struct req *r)
{
  struct tracker *t;
  enum hres h = tracker_begin (r, false, &t);
  if (H_CONTINUE != h)
    return h;
  const char *domain = http_query (r, "domain");
  if (domain && *domain && index_in (rec_domains, domain) < 0)
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", "domain", "code",
                               "invalid_choice", "message", "Domain:"
                               " PENGADUAN, WBS, SKM, BK, GRATIFIKASI atau"
                               " ZI."));
  if (domain && *domain && ! tracker_may (r->session->roles, domain))
    return http_reply_error (r, ERR_FORBIDDEN, NULL);
  json_t *items = recs_json (r, &t->unit, domain && *domain ? domain : NULL,
                             false);
  if (NULL == items)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  char today[11];
  today_of (&t->unit, today);
  return http_reply_json (r, 200, json_pack ("{s:s, s:o}", "today", today,
                                             "items", items));
}

/* Check a new item (BODY) into T; T->errors names each problem. */
static void
rec_check (struct req *r, struct tracker *t, const json_t *body)
{
  static const char *const allowed[] = { "domain", "source_period",
                                         "source_date", "finding", "text",
                                         "pic_jabatan", "target_date",
                                         "unsur", "indicator", NULL };
  json_t *e = t->errors = json_object ();
  const char *k;
  json_t *v;
  if (! json_is_object (body))
  {
    h_field_error (e, "$", "invalid_type", "Harus berupa objek JSON.");
    return;
  }
  json_object_foreach ((json_t *) body, k, v)
    if (index_in (allowed, k) < 0)
      h_field_error (e, k, "unknown_field", "Kolom tidak dikenal.");
  struct rs_rec_new *n = &t->rec;
  const char *s;
  if (text_field (body, "domain", "domain", true, 12, false, e, &s))
  {
    if (index_in (rec_domains, s) < 0)
      h_field_error (e, "domain", "invalid_choice", "Domain: PENGADUAN,"
                     " WBS, SKM, BK, GRATIFIKASI atau ZI.");
    else if (! tracker_may (r->session->roles, s))
      h_field_error (e, "domain", "forbidden", "Pengelola WBS hanya"
                     " mencatat butir domain WBS.");
  }
  n->domain = s;
  struct period p;
  if (text_field (body, "source_period", "source_period", true, 8, false, e,
                  &s) && ! period_parse (s, &p))
    h_field_error (e, "source_period", "invalid", "Periode: 2026-S1,"
                   " 2026-Q3 atau 2026.");
  n->source_period = s;
  if (text_field (body, "source_date", "source_date", true, 10, false, e,
                  &s) && ! is_date (s))
    h_field_error (e, "source_date", "invalid_date", "Tanggal YYYY-MM-DD.");
  n->source_date = s;
  text_field (body, "finding", "finding", true, 2000, true, e, &n->finding);
  text_field (body, "text", "text", true, 2000, true, e, &n->text);
  text_field (body, "pic_jabatan", "pic_jabatan", true, 190, false, e,
              &n->pic_jabatan);
  if (text_field (body, "target_date", "target_date", true, 20, false, e, &s)
      && ! report_target_date (s, atoi (n->source_date), t->target))
    h_field_error (e, "target_date", "invalid_date", "Tanggal YYYY-MM-DD"
                   " atau triwulan (TW I-IV TAHUN).");
  n->target_date = t->target;
  if (text_field (body, "unsur", "unsur", false, 3, false, e, &s) && *s)
  {
    if (! (2 == strlen (s) && s[0] == 'U' && s[1] >= '1' && s[1] <= '9'))
      h_field_error (e, "unsur", "invalid", "Unsur U1 sampai U9.");
  }
  n->unsur = *s ? s : NULL;
  text_field (body, "indicator", "indicator", false, 500, true, e,
              &n->indicator);
  n->source_doc = "manual";
  n->created_by = r->session->username;
}

static enum store_status
rec_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct tracker *t = r->state;
  t->rec.created_at = (int64_t) time (NULL);
  enum store_status st = rs_rec_add (c, t->unit.id, &t->rec, &t->new_id);
  if (STORE_OK == st)
    st = rs_rec_event_add (c, t->unit.id, t->new_id, t->rec.created_at,
                           "RENCANA", "", NULL, r->session->username);
  if (STORE_OK != st)
    return st;
  char obj[48];
  snprintf (obj, sizeof obj, "rekomendasi %lld", (long long) t->new_id);
  return audit_append (c, t->unit.id, r->session->username, "rec_add", obj,
                       t->rec.domain);
}

static enum hres tracker_page (struct req *r, struct tracker *t,
                               unsigned int status);

static enum hres
rec_saved (struct req *r)
{
  struct tracker *t = r->state;
  if (STORE_NO_ROW == r->job_status)
    return http_reply_error (r, ERR_REC_NOT_FOUND, NULL);
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  int64_t id = t->rec_id ? t->rec_id : t->new_id;
  if (t->html)
  {
    char loc[96];
    snprintf (loc, sizeof loc, "/staff/tindak-lanjut?ok=%s#butir-%lld",
              t->rec_id ? "status" : "baru", (long long) id);
    return http_redirect (r, loc);
  }
  if (t->rec_id)
    return http_reply_json (r, 201, json_pack ("{s:I, s:s}", "id",
                                               (json_int_t) id, "status",
                                               t->status));
  return http_reply_json (r, 201, json_pack ("{s:I, s:s}", "id",
                                             (json_int_t) id, "status",
                                             "RENCANA"));
}

static enum hres
rec_create (struct req *r, struct tracker *t, const json_t *body)
{
  rec_check (r, t, body);
  if (json_object_size (t->errors))
  {
    if (t->html)
      return tracker_page (r, t, 400);
    json_t *e = t->errors;
    t->errors = NULL;
    return http_reply_error (r, ERR_VALIDATION, e);
  }
  r->job.run = &rec_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &rec_saved);
}

/* POST /api/v1/u/{unit}/recommendations */
enum hres
h_api_recommendation_post (struct req *r)
{
  struct tracker *t;
  enum hres h = tracker_begin (r, false, &t);
  if (H_CONTINUE != h)
    return h;
  return rec_create (r, t, r->json);
}

static enum store_status
event_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct tracker *t = r->state;
  enum store_status st = rs_rec_event_add (c, t->unit.id, t->rec_id,
                                           (int64_t) time (NULL), t->status,
                                           t->note, t->evidence && *t->evidence
                                           ? t->evidence : NULL,
                                           r->session->username);
  if (STORE_OK != st)
    return st;
  char obj[48];
  snprintf (obj, sizeof obj, "rekomendasi %lld", (long long) t->rec_id);
  return audit_append (c, t->unit.id, r->session->username, "rec_event", obj,
                       t->status);
}

/* Check an event (BODY) for item ID into T: 404/403 are answered here
   (H_ANSWERED), field problems go to T->errors. */
static enum hres
event_check (struct req *r, struct tracker *t, const char *idp,
             const json_t *body)
{
  static const char *const allowed[] = { "status", "note", "evidence_ref",
                                         NULL };
  char *end;
  long long id = idp ? strtoll (idp, &end, 10) : 0;
  if (NULL == idp || *end || id <= 0)
    return http_reply_error (r, ERR_REC_NOT_FOUND, NULL);
  t->rec_id = id;
  struct rs_rec *rows = NULL;
  size_t n = 0;
  enum store_status st = rs_recs (r->app->store, t->unit.id, NULL, &rows, &n);
  if (STORE_OK != st)
    return h_store_error (r, st);
  const char *domain = NULL;
  for (size_t i = 0; i < n; i++)
    if (rows[i].id == id)
      domain = rows[i].domain;
  bool found = NULL != domain, may = tracker_may (r->session->roles, domain);
  rs_recs_free (rows, n);
  if (! found)
    return http_reply_error (r, ERR_REC_NOT_FOUND, NULL);
  if (! may)
    return http_reply_error (r, ERR_FORBIDDEN, NULL);
  json_t *e = t->errors = json_object ();
  const char *k;
  json_t *v;
  if (! json_is_object (body))
  {
    h_field_error (e, "$", "invalid_type", "Harus berupa objek JSON.");
    return H_CONTINUE;
  }
  json_object_foreach ((json_t *) body, k, v)
    if (index_in (allowed, k) < 0)
      h_field_error (e, k, "unknown_field", "Kolom tidak dikenal.");
  if (text_field (body, "status", "status", true, 20, false, e, &t->status)
      && index_in (rec_statuses, t->status) < 0)
    h_field_error (e, "status", "invalid_choice", "Status: RENCANA, PROSES,"
                   " SELESAI atau TIDAK_DILAKSANAKAN.");
  if (text_field (body, "note", "note", true, 2000, true, e, &t->note)
      && ! *t->note)
    h_field_error (e, "note", "required", "Wajib diisi.");
  if (0 == strcmp (t->status, "TIDAK_DILAKSANAKAN") && ! *t->note)
    h_field_error (e, "note", "required", "Tulis alasan tidak"
                   " dilaksanakan.");
  text_field (body, "evidence_ref", "evidence_ref", false, 300, false, e,
              &t->evidence);
  return H_CONTINUE;
}

/* POST /api/v1/u/{unit}/recommendations/{id}/events
   {status, note, evidence_ref?} */
enum hres
h_api_recommendation_event (struct req *r)
{
  struct tracker *t;
  enum hres h = tracker_begin (r, false, &t);
  if (H_CONTINUE != h)
    return h;
  h = event_check (r, t, http_param (r, 1), r->json);
  if (H_CONTINUE != h)
    return h;
  if (json_object_size (t->errors))
  {
    json_t *e = t->errors;
    t->errors = NULL;
    return http_reply_error (r, ERR_VALIDATION, e);
  }
  r->job.run = &event_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &rec_saved);
}

/* ---- the page ---- */

static enum hres
tracker_page (struct req *r, struct tracker *t, unsigned int status)
{
  json_t *ctx = h_staff_ctx (r, "Tindak lanjut rekomendasi");
  const char *domain = http_query (r, "domain");
  if (domain && index_in (rec_domains, domain) < 0)
    domain = NULL;
  json_t *items = recs_json (r, &t->unit, domain, true);
  if (NULL == items)
  {
    json_decref (ctx);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  /* The refused form keeps what was typed, with its errors. */
  json_t *err = json_object ();
  if (t->errors)
  {
    const char *path;
    json_t *e;
    json_object_foreach (t->errors, path, e)
    {
      char id[64];
      if (t->error_rec)
        snprintf (id, sizeof id, "e%lld-%s", (long long) t->error_rec, path);
      else
        snprintf (id, sizeof id, "n-%s", path);
      for (char *c = id; *c; c++)
        if (*c == '_')
          *c = '-';
      json_object_set (err, id, json_object_get (e, "message"));
    }
    json_object_set_new (ctx, "error", json_string (
                           "Belum disimpan: periksa kolom yang ditandai."));
  }
  size_t i;
  json_t *it;
  json_array_foreach (items, i, it)
  {
    json_int_t id = json_integer_value (json_object_get (it, "id"));
    if (t->error_rec == id && t->input)
    {
      json_object_set (it, "in", t->input);
      json_t *opts = json_object_get (it, "statuses");
      size_t k;
      json_t *o;
      json_array_foreach (opts, k, o)
        json_object_set_new (o, "selected", json_boolean (
                               jstr (t->input, "status")
                               && 0 == strcmp (jstr (t->input, "status"),
                                               jstr (o, "value"))));
    }
    /* Per item, the ids its form uses (errors looked up by them). */
    char base[32];
    snprintf (base, sizeof base, "e%lld-", (long long) id);
    json_t *ie = json_object ();
    const char *k;
    json_t *v;
    json_object_foreach (err, k, v)
      if (0 == strncmp (k, base, strlen (base)))
        json_object_set (ie, k + strlen (base), v);
    json_object_set_new (it, "err", ie);
  }
  json_object_set_new (ctx, "items", items);
  json_object_set_new (ctx, "has_items", json_boolean (json_array_size (items)
                                                       > 0));
  json_t *nerr = json_object ();
  const char *k;
  json_t *v;
  json_object_foreach (err, k, v)
    if (0 == strncmp (k, "n-", 2))
      json_object_set (nerr, k + 2, v);
  json_decref (err);
  json_object_set_new (ctx, "nerr", nerr);
  if (! t->error_rec && t->input)
    json_object_set (ctx, "nin", t->input);
  json_t *doms = json_array ();
  for (i = 0; rec_domains[i]; i++)
    if (tracker_may (r->session->roles, rec_domains[i]))
      json_array_append_new (doms, json_pack (
                               "{s:s, s:b, s:b}", "value", rec_domains[i],
                               "selected", domain
                               && 0 == strcmp (domain, rec_domains[i]),
                               "new_selected", t->input && ! t->error_rec
                               && jstr (t->input, "domain")
                               && 0 == strcmp (jstr (t->input, "domain"),
                                               rec_domains[i])));
  json_object_set_new (ctx, "domains", doms);
  json_object_set_new (ctx, "domain", json_string (domain ? domain : ""));
  char today[11];
  today_of (&t->unit, today);
  json_object_set_new (ctx, "today", json_string (today));
  const char *ok = http_query (r, "ok");
  if (ok && 0 == strcmp (ok, "status"))
    json_object_set_new (ctx, "notice", json_string ("Status disimpan."));
  if (ok && 0 == strcmp (ok, "baru"))
    json_object_set_new (ctx, "notice", json_string (
                           "Butir tindak lanjut ditambahkan."));
  json_object_set_new (ctx, "wide", json_true ());
  return http_reply_html (r, status, "staff-tracker.html", ctx);
}

/* GET /staff/tindak-lanjut?domain= */
enum hres
h_staff_tracker (struct req *r)
{
  struct tracker *t;
  enum hres h = tracker_begin (r, true, &t);
  if (H_CONTINUE != h)
    return h;
  return tracker_page (r, t, 200);
}

/* POST /staff/tindak-lanjut: action status (id, status, note,
   evidence_ref) or baru (the fields of a new item). */
enum hres
h_staff_tracker_post (struct req *r)
{
  struct tracker *t;
  enum hres h = tracker_begin (r, true, &t);
  if (H_CONTINUE != h)
    return h;
  const char *action = form_get (r, "action");
  json_t *body = t->body = json_object ();
  t->input = json_object ();
  static const char *const ev_keys[] = { "status", "note", "evidence_ref",
                                         NULL };
  static const char *const new_keys[] = { "domain", "source_period",
                                          "source_date", "finding", "text",
                                          "pic_jabatan", "target_date",
                                          "unsur", "indicator", NULL };
  bool ev = 0 == strcmp (action, "status");
  const char *const *keys = ev ? ev_keys : new_keys;
  for (size_t i = 0; keys[i]; i++)
  {
    const char *v = urlenc_get (&r->form, keys[i]);
    json_object_set_new (t->input, keys[i], json_string (v ? v : ""));
    if (v && (*v || 0 == strcmp (keys[i], "note")))
    {
      /* Text areas send CRLF. */
      struct buf b = { 0 };
      for (const char *p = v; *p; p++)
        if (*p != '\r')
          buf_append (&b, p, 1);
      json_object_set_new (body, keys[i], json_string (b.p ? b.p : ""));
      buf_free (&b);
    }
  }
  enum hres out;
  if (ev)
  {
    const char *id = form_get (r, "id");
    t->error_rec = atoll (id);
    out = event_check (r, t, id, body);
    if (H_CONTINUE == out)
    {
      if (json_object_size (t->errors))
        out = tracker_page (r, t, 400);
      else
      {
        r->job.run = &event_write;
        r->job.cls = r;
        out = http_suspend_for_job (r, &rec_saved);
      }
    }
  }
  else if (0 == strcmp (action, "baru"))
    out = rec_create (r, t, body);
  else
    out = http_reply_error (r, ERR_VALIDATION, NULL);
  return out;
}
