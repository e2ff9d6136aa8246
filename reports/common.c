/*
 * Parts every document shares (docs.h): narrative slots, the model frame
 * and the layout frame.
 */
#include "docs.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- narratives ---- */

const json_t *
rn_def (struct report_ctx *x, const char *slot)
{
  size_t i;
  json_t *s;
  json_array_foreach (x->slots, i, s)
  {
    const char *name = json_string_value (json_object_get (s, "slot"));
    if (name && 0 == strcmp (name, slot))
      return s;
  }
  return NULL;
}

const struct rs_narrative *
rn_get (struct report_ctx *x, const char *slot)
{
  for (size_t i = 0; i < x->n_narr; i++)
    if (0 == strcmp (x->narr[i].slot, slot))
      return &x->narr[i];
  return NULL;
}

static bool
blank (const char *s)
{
  for (; s && *s; s++)
    if (! isspace ((unsigned char) *s))
      return false;
  return true;
}

static const char *
slot_kind (const json_t *def)
{
  const char *k = json_string_value (json_object_get (def, "kind"));
  return k ? k : "text";
}

/* The stored value of a slot: text for line/text, the parsed array for
   list/table (NULL when not stored or not an array). */
static json_t *
stored_value (const json_t *def, const struct rs_narrative *n)
{
  if (NULL == n)
    return NULL;
  const char *kind = slot_kind (def);
  if (0 == strcmp (kind, "list") || 0 == strcmp (kind, "table"))
  {
    json_t *a = json_loads (n->text, JSON_REJECT_DUPLICATES, NULL);
    if (! json_is_array (a))
    {
      json_decref (a);
      return NULL;
    }
    return a;
  }
  return json_string (n->text);
}

bool
rn_filled (struct report_ctx *x, const char *slot)
{
  const json_t *def = rn_def (x, slot);
  json_t *v = stored_value (def, rn_get (x, slot));
  bool filled = false;
  if (json_is_string (v))
    filled = ! blank (json_string_value (v));
  else if (json_is_array (v))
    filled = json_array_size (v) > 0;
  json_decref (v);
  return filled;
}

/* Replace {unit}, {periode}, {posisi_per} in TEXT. */
static json_t *
fill_placeholders (struct report_ctx *x, const char *text)
{
  char periode[64], posisi[40];
  rm_period_label (&x->prm.period, periode, sizeof periode);
  fmt_date (x->prm.cutoff, posisi, sizeof posisi);
  struct buf b = { 0 };
  for (const char *p = text; *p;)
  {
    if (0 == strncmp (p, "{unit}", 6))
    {
      buf_puts (&b, x->unit.name);
      p += 6;
    }
    else if (0 == strncmp (p, "{periode}", 9))
    {
      buf_puts (&b, periode);
      p += 9;
    }
    else if (0 == strncmp (p, "{posisi_per}", 12))
    {
      buf_puts (&b, posisi);
      p += 12;
    }
    else
      buf_append (&b, p++, 1);
  }
  json_t *s = json_string (b.p ? b.p : "");
  buf_free (&b);
  return s;
}

json_t *
rn_value (struct report_ctx *x, const char *slot)
{
  const json_t *def = rn_def (x, slot);
  if (rn_filled (x, slot))
    return stored_value (def, rn_get (x, slot));
  const json_t *dflt = json_object_get (def, "default");
  if (json_is_string (dflt))
    return fill_placeholders (x, json_string_value (dflt));
  if (json_is_array (dflt))
    return json_deep_copy (dflt);
  const char *kind = slot_kind (def);
  return (0 == strcmp (kind, "list") || 0 == strcmp (kind, "table"))
         ? json_array () : json_string ("");
}

json_t *
rn_model (struct report_ctx *x)
{
  json_t *o = json_object ();
  size_t i;
  json_t *s;
  json_array_foreach (x->slots, i, s)
  {
    const char *slot = json_string_value (json_object_get (s, "slot"));
    if (NULL == slot)
      continue;
    const struct rs_narrative *n = rn_get (x, slot);
    bool filled = rn_filled (x, slot);
    json_object_set_new (o, slot, json_pack (
                           "{s:i, s:o, s:b, s:b}", "version",
                           n && filled ? n->version : 0, "value",
                           rn_value (x, slot), "default", ! filled,
                           "required",
                           json_is_true (json_object_get (s, "required"))));
  }
  return o;
}

/* ---- model parts ---- */

void
rm_period_label (const struct period *p, char *out, size_t cap)
{
  switch (p->kind)
  {
  case 'S':
    snprintf (out, cap, "Semester %s Tahun %d", fmt_roman (p->n), p->year);
    break;
  case 'Q':
    snprintf (out, cap, "Triwulan %s Tahun %d", fmt_roman (p->n), p->year);
    break;
  default:
    snprintf (out, cap, "Tahun %d", p->year);
    break;
  }
}

static bool
doc_in (const json_t *docs, const char *const *ids)
{
  size_t i;
  json_t *d;
  json_array_foreach (docs, i, d)
    for (size_t k = 0; ids[k]; k++)
      if (json_is_string (d) && 0 == strcmp (json_string_value (d), ids[k]))
        return true;
  return false;
}

/* The signatory of ROLE in force on DAY, as JSON (null when none). */
static json_t *
signatory_json (const struct rs_signatory *g, size_t n, const char *role,
                const char *day)
{
  const struct rs_signatory *best = NULL;
  for (size_t i = 0; i < n; i++)
    if (0 == strcmp (g[i].role, role)
        && strcmp (g[i].valid_from, day) <= 0
        && (! g[i].valid_to[0] || strcmp (g[i].valid_to, day) >= 0))
      best = &g[i];
  if (NULL == best)
    return json_null ();
  return json_pack ("{s:s, s:s, s:s, s:s}", "jabatan", best->jabatan,
                    "name", best->name, "pangkat", best->pangkat, "nip",
                    best->nip);
}

json_t *
rm_frame (struct report_ctx *x, const char *const *docs_for_lke)
{
  const struct report_params *p = &x->prm;
  const char *self[] = { p->def->id, NULL };
  if (NULL == docs_for_lke)
    docs_for_lke = self;
  char label[64];
  rm_period_label (&p->period, label, sizeof label);
  json_t *items = json_array (), *plan = json_array ();
  size_t i;
  json_t *it;
  json_array_foreach (json_object_get (x->catalogue, "items"), i, it)
  {
    if (! doc_in (json_object_get (it, "documents"), docs_for_lke))
      continue;
    json_array_append_new (items, json_pack (
                             "{s:O, s:O}", "code",
                             json_object_get (it, "code"), "text",
                             json_object_get (it, "text")));
    /* The catalogue's plan rows are the seeds' examples, not this
       unit's work plan: the unit's own rows come with the evidence index
       (D9); none is printed here. */
  }
  const char *sign_day = p->date[0] ? p->date : x->today;
  struct rs_signatory *g = NULL;
  size_t ng = 0;
  rs_signatories (x->app->store, x->unit.id, &g, &ng);
  json_t *signers = json_pack ("{s:o, s:o}", "kepala",
                               signatory_json (g, ng, "kepala", sign_day),
                               "penyusun",
                               signatory_json (g, ng, "penyusun", sign_day));
  free (g);
  int64_t head_id = 0;
  unsigned char hash[32];
  json_t *head = json_null ();
  if (STORE_OK == rs_audit_head (x->app->store, x->cutoff_ts, &head_id,
                                 hash))
  {
    char hex[65];
    for (int k = 0; k < 32; k++)
      snprintf (hex + 2 * k, 3, "%02x", hash[k]);
    head = json_pack ("{s:I, s:s}", "id", (json_int_t) head_id, "hash", hex);
  }
  json_t *kop = json_loads (x->profile.kop, 0, NULL);
  if (! json_is_array (kop))
  {
    json_decref (kop);
    kop = json_array ();
  }
  json_t *m = json_pack (
    "{s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s, s:s, s:s}, s:s, s:s?,"
    " s:b, s:{s:O?, s:o, s:o}, s:{s:i, s:i, s:i}, s:o, s:o, s:o,"
    " s:o, s:s}",
    "doc", p->def->id, "name", p->def->name, "generator", GENERATOR,
    "unit", "slug", x->unit.slug, "name", x->unit.name,
    "period", "id", p->period.key, "label", label, "from", p->period.from,
    "to", p->period.to,
    "cutoff", p->cutoff, "date", p->date[0] ? p->date : NULL,
    "draft", ! p->date[0],
    "lke", "version", json_object_get (x->catalogue, "lke"), "items", items,
    "plan_rows", plan,
    "settings", "hk_verify", x->hk_verify, "hk_followup", x->hk_followup,
    "hk_autoclose", x->hk_autoclose,
    "narratives", rn_model (x), "signatories", signers, "audit_head", head,
    "kop", kop, "place", x->profile.place);
  if (p->variant[0])
    json_object_set_new (m, "variant", json_string (p->variant));
  if (p->domain[0])
    json_object_set_new (m, "domain", json_string (p->domain));
  return m;
}

void
rm_set_records (json_t *model, int64_t n)
{
  json_object_set_new (model, "records_read", json_integer (n));
}

json_t *
rm_activities (struct report_ctx *x, const char *kind)
{
  struct rs_activity *a = NULL;
  size_t n = 0;
  json_t *out = json_array ();
  if (STORE_OK != rs_activities (x->app->store, x->unit.id, kind,
                                 x->prm.period.from, x->prm.cutoff, &a, &n))
    return out;
  for (size_t i = 0; i < n; i++)
    json_array_append_new (out, json_pack (
                             "{s:s, s:s, s:s, s:o, s:s}", "date", a[i].day,
                             "title", a[i].title, "place", a[i].place,
                             "participants", a[i].participants >= 0
                             ? json_integer (a[i].participants)
                             : json_null (), "evidence_ref",
                             a[i].evidence_ref));
  free (a);
  return out;
}

/* ---- layout parts ---- */

static const char **
str_list (struct rd_doc *d, size_t n)
{
  return rd_alloc (&d->arena, (n ? n : 1) * sizeof (const char *));
}

void
rl_frame (struct report_ctx *x, const json_t *model, struct rd_doc *d,
          const char *const *title)
{
  const struct report_params *p = &x->prm;
  d->doc_id = p->def->id;
  const json_t *kop = json_object_get (model, "kop");
  size_t nk = json_array_size (kop);
  if (nk)
  {
    d->kop = str_list (d, nk);
    for (size_t i = 0; i < nk; i++)
      d->kop[i] = rd_strdup (&d->arena,
                             json_string_value (json_array_get (kop, i)));
    d->n_kop = nk;
  }
  else
  {
    /* No kop recorded yet: the unit's name, so the page is still headed. */
    d->kop = str_list (d, 2);
    d->kop[0] = "";
    char up[200];
    snprintf (up, sizeof up, "%s", x->unit.name);
    for (char *c = up; *c; c++)
      *c = (char) toupper ((unsigned char) *c);
    d->kop[1] = rd_strdup (&d->arena, up);
    d->n_kop = 2;
  }
  if (x->profile.logo && x->profile.logo_len)
  {
    unsigned char *logo = rd_alloc (&d->arena, x->profile.logo_len);
    if (logo)
    {
      memcpy (logo, x->profile.logo, x->profile.logo_len);
      d->logo_png = logo;
      d->logo_len = x->profile.logo_len;
    }
  }
  size_t nt = 0;
  while (title[nt])
    nt++;
  d->title = str_list (d, nt);
  for (size_t i = 0; i < nt; i++)
    d->title[i] = rd_strdup (&d->arena, title[i]);
  d->n_title = nt;
  const json_t *nomor = json_object_get (json_object_get (
                                           json_object_get (model,
                                                            "narratives"),
                                           "nomor"), "value");
  if (json_is_string (nomor) && ! blank (json_string_value (nomor)))
    d->number = rd_printf (&d->arena, "Nomor: %s", json_string_value (nomor));
  const json_t *items = json_object_get (json_object_get (model, "lke"),
                                         "items");
  size_t ne = json_array_size (items);
  d->evidence = str_list (d, ne);
  for (size_t i = 0; i < ne; i++)
  {
    const json_t *it = json_array_get (items, i);
    d->evidence[i] = rd_printf (&d->arena, "Bukti dukung LKE Zona Integritas:"
                                " %s — %s",
                                json_string_value (json_object_get (it,
                                                                    "code")),
                                json_string_value (json_object_get (it,
                                                                    "text")));
  }
  d->n_evidence = ne;
  char posisi[40];
  fmt_date (p->cutoff, posisi, sizeof posisi);
  d->footer_left = rd_printf (&d->arena, "%s · %s · %s · posisi per %s",
                              p->def->id, x->unit.slug, p->period.key,
                              posisi);
  d->draft = ! p->date[0];
  const char *day = p->date[0] ? p->date : x->today;
  d->year = atoi (day);
  d->month = atoi (day + 5);
  d->day = atoi (day + 8);
}

static void
signer_from (struct rd_doc *d, const json_t *g, struct rd_signer *s,
             const char *fallback_jabatan)
{
  char up[260];
  const char *jab = json_string_value (json_object_get (g, "jabatan"));
  snprintf (up, sizeof up, "%s", jab ? jab : fallback_jabatan);
  for (char *c = up; *c; c++)
    *c = (char) toupper ((unsigned char) *c);
  size_t n = strlen (up);
  if (n && up[n - 1] != ',' && n + 1 < sizeof up)
    strcat (up, ",");
  s->jabatan = rd_strdup (&d->arena, up);
  const char *name = json_string_value (json_object_get (g, "name"));
  s->name = rd_strdup (&d->arena, name ? name : "(nama penandatangan belum"
                       " diisi)");
  const char *pk = json_string_value (json_object_get (g, "pangkat"));
  s->pangkat = pk && *pk ? rd_strdup (&d->arena, pk) : NULL;
  const char *nip = json_string_value (json_object_get (g, "nip"));
  if (nip && 18 == strlen (nip))
    s->nip = rd_printf (&d->arena, "NIP. %.8s %.6s %.1s %.3s", nip, nip + 8,
                        nip + 14, nip + 15);
  else if (nip && *nip)
    s->nip = rd_printf (&d->arena, "NIP. %s", nip);
}

void
rl_signature (struct report_ctx *x, const json_t *model, struct rd_doc *d,
              bool preparer)
{
  struct rd_signature *sg = rd_alloc (&d->arena, sizeof *sg);
  if (NULL == sg)
    return;
  const char *place = json_string_value (json_object_get (model, "place"));
  char date[40];
  fmt_date (x->prm.date[0] ? x->prm.date : x->today, date, sizeof date);
  sg->place_date = rd_printf (&d->arena, "%s%s%s", place && *place ? place
                              : "", place && *place ? ", " : "", date);
  const json_t *signers = json_object_get (model, "signatories");
  char head[200];
  snprintf (head, sizeof head, "Kepala %s", x->unit.name);
  signer_from (d, json_object_get (signers, "kepala"), &sg->right, head);
  if (preparer)
  {
    /* The head acknowledges on the left ("Mengetahui"), the preparer
       signs on the right. */
    sg->has_left = true;
    sg->left = sg->right;
    sg->left.lead = "Mengetahui,";
    memset (&sg->right, 0, sizeof sg->right);
    signer_from (d, json_object_get (signers, "penyusun"), &sg->right,
                 "Penyusun");
  }
  struct rd_block *b = rd_add (d, RD_SIGNATURE);
  if (b)
    b->sig = sg;
}

void
rl_keterangan (struct report_ctx *x, const json_t *model,
               const char *model_sha256, struct rd_doc *d)
{
  const struct report_params *p = &x->prm;
  const json_t *head = json_object_get (model, "audit_head");
  char records[32];
  fmt_int (json_integer_value (json_object_get (model, "records_read")),
           records, sizeof records);
  const char *pairs[] = {
    "Pembuat", GENERATOR,
    "Dokumen", rd_printf (&d->arena, "%s — %s", p->def->id, p->def->name),
    "Parameter", rd_printf (&d->arena, "unit=%s periode=%s posisi_per=%s"
                            " tanggal=%s%s%s%s%s", x->unit.slug,
                            p->period.key, p->cutoff,
                            p->date[0] ? p->date : "(draf)",
                            p->variant[0] ? " varian=" : "", p->variant,
                            p->domain[0] ? " domain=" : "", p->domain),
    "Jumlah catatan periode yang dibaca", rd_strdup (&d->arena, records),
    "SHA-256 model (JSON kanonik)", rd_strdup (&d->arena, model_sha256),
    "Kepala rantai audit per posisi",
    json_is_object (head)
    ? rd_printf (&d->arena, "entri #%lld, hash %s",
                 (long long) json_integer_value (json_object_get (head,
                                                                  "id")),
                 json_string_value (json_object_get (head, "hash")))
    : "– (belum ada entri audit sampai posisi per)",
    /* The head is the global chain's, which the server signs at its
       checkpoints and `wadah audit anchor` exports: checking it against
       the log (and the log against its signatures and anchors) shows
       whether the log was cut or rewritten since this document. */
    "Periksa kepala rantai audit",
    json_is_object (head)
    ? rd_printf (&d->arena, "wadah audit verify --data DIR --head %lld:%s"
                 " (rantai yang sama ditandatangani server pada titik"
                 " periksa)",
                 (long long) json_integer_value (json_object_get (head,
                                                                  "id")),
                 json_string_value (json_object_get (head, "hash")))
    : "–",
    "Catatan", "Berkas tidak dapat memuat hash-nya sendiri: SHA-256 berkas"
               " tercatat pada rekaman artefak dan indeks bukti dukung."
               " Verifikasi: wadah report verify BERKAS --data DIR."
  };
  size_t n = sizeof pairs / sizeof pairs[0];
  d->info = str_list (d, n);
  for (size_t i = 0; i < n; i++)
    d->info[i] = pairs[i];
  d->n_info = n;
}

void
rl_public_link (struct report_ctx *x, struct rd_doc *d, const char *path,
                const char *caption)
{
  if (! x->public_url[0])
  {
    rd_para (d, rd_printf (&d->arena, "%s: %s", caption, path));
    return;
  }
  struct rd_block *b = rd_add (d, RD_QR);
  if (NULL == b)
    return;
  b->text = rd_printf (&d->arena, "%s%s", x->public_url, path);
  b->items = rd_alloc (&d->arena, sizeof *b->items);
  if (b->items)
  {
    b->items[0] = rd_printf (&d->arena, "%s: %s", caption, b->text);
    b->n_items = 1;
  }
}

void
rl_paras (struct rd_doc *d, const char *text)
{
  if (NULL == text)
    return;
  const char *p = text;
  while (*p)
  {
    const char *e = strstr (p, "\n\n");
    size_t n = e ? (size_t) (e - p) : strlen (p);
    char *para = rd_alloc (&d->arena, n + 1);
    if (NULL == para)
      return;
    memcpy (para, p, n);
    if (! blank (para))
    {
      struct rd_block *b = rd_add (d, RD_PARA);
      if (b)
        b->text = para;
    }
    p += n;
    while (*p == '\n')
      p++;
  }
}

void
rl_kalimat (struct rd_doc *d, const json_t *model)
{
  size_t i;
  json_t *s;
  json_array_foreach (json_object_get (model, "kalimat"), i, s)
    rd_para (d, json_string_value (s));
}

void
rl_slot (struct report_ctx *x, const json_t *model, struct rd_doc *d,
         const char *slot, const char *heading)
{
  const json_t *def = rn_def (x, slot);
  const json_t *n = json_object_get (json_object_get (model, "narratives"),
                                     slot);
  const json_t *v = json_object_get (n, "value");
  if (heading)
    rd_heading (d, 2, heading);
  bool required = json_is_true (json_object_get (n, "required"));
  bool filled = ! json_is_true (json_object_get (n, "default"));
  if (json_is_string (v))
  {
    if (blank (json_string_value (v)))
    {
      struct rd_block *b = rd_add (d, RD_PARA);
      if (b)
      {
        b->text = required ? "[Wajib diisi sebelum dokumen difinalkan.]"
                           : "–";
        b->empty_slot = required;
      }
      return;
    }
    rl_paras (d, json_string_value (v));
    return;
  }
  if (! json_is_array (v))
    return;
  const char *kind = json_string_value (json_object_get (def, "kind"));
  if (kind && 0 == strcmp (kind, "list"))
  {
    size_t k = json_array_size (v);
    if (0 == k)
      return;
    struct rd_block *b = rd_add (d, RD_LIST);
    if (NULL == b)
      return;
    b->numbered = true;
    b->items = str_list (d, k);
    for (size_t i = 0; i < k; i++)
      b->items[i] = rd_strdup (&d->arena,
                               json_string_value (json_array_get (v, i)));
    b->n_items = k;
    return;
  }
  /* A table slot. */
  const json_t *cols = json_object_get (def, "columns");
  size_t nc = json_array_size (cols), nr = json_array_size (v);
  if (0 == nr)
  {
    struct rd_block *b = rd_add (d, RD_PARA);
    if (b)
    {
      b->text = required && ! filled
                ? "[Wajib diisi sebelum dokumen difinalkan.]" : "Nihil.";
      b->empty_slot = required && ! filled;
    }
    return;
  }
  struct rd_table *t = rd_table_new (d, slot, nc + 1, nr);
  if (NULL == t)
    return;
  t->headers[0] = "No";
  double *w = (double *) t->widths;
  w[0] = 0.5;
  for (size_t c = 0; c < nc; c++)
  {
    const json_t *col = json_array_get (cols, c);
    t->headers[c + 1] = rd_strdup (&d->arena, json_string_value (
                                     json_object_get (col, "label")));
    w[c + 1] = 2;
  }
  for (size_t r = 0; r < nr; r++)
  {
    const json_t *row = json_array_get (v, r);
    rl_int (d, t, r, 0, (int64_t) r + 1, NULL);
    for (size_t c = 0; c < nc; c++)
    {
      const char *key = json_string_value (json_object_get (
                                             json_array_get (cols, c),
                                             "key"));
      const char *type = json_string_value (json_object_get (
                                              json_array_get (cols, c),
                                              "type"));
      const char *val = json_string_value (json_object_get (row, key));
      char date[40];
      if (val && type && 0 == strcmp (type, "date"))
      {
        fmt_date (val, date, sizeof date);
        val = date;
      }
      rl_text (d, t, r, c + 1, val ? val : "");
    }
  }
  t->title = heading ? rd_strdup (&d->arena, heading) : NULL;
  t->sheet = NULL;
  rl_add_table (d, t);
}

/* ---- tables ---- */

struct rd_table *
rl_table (struct rd_doc *d, const char *key, const char *number,
          const char *title, const char *const *headers, size_t n_rows)
{
  size_t nc = 0;
  while (headers[nc])
    nc++;
  struct rd_table *t = rd_table_new (d, key, nc, n_rows);
  if (NULL == t)
    return NULL;
  t->number = number ? rd_strdup (&d->arena, number) : NULL;
  t->title = rd_strdup (&d->arena, title);
  for (size_t c = 0; c < nc; c++)
    t->headers[c] = headers[c];
  return t;
}

void
rl_widths (struct rd_table *t, const double *w)
{
  for (size_t c = 0; c < t->n_cols; c++)
    ((double *) t->widths)[c] = w[c];
}

void
rl_int (struct rd_doc *d, struct rd_table *t, size_t r, size_t c, int64_t v,
        const char *formula)
{
  char s[32];
  fmt_int (v, s, sizeof s);
  rd_cell_num (d, t, r, c, s, (double) v, 0, formula);
  ((enum rd_align *) t->align)[c] = RD_RIGHT;
}

void
rl_num (struct rd_doc *d, struct rd_table *t, size_t r, size_t c,
        const json_t *v, int decimals, const char *formula)
{
  ((enum rd_align *) t->align)[c] = RD_RIGHT;
  if (! json_is_number (v))
  {
    rd_cell_text (d, t, r, c, "–");
    return;
  }
  char s[40];
  double x = json_number_value (v);
  fmt_dec (x, decimals, s, sizeof s);
  rd_cell_num (d, t, r, c, s, x, decimals, formula);
}

void
rl_text (struct rd_doc *d, struct rd_table *t, size_t r, size_t c,
         const char *s)
{
  rd_cell_text (d, t, r, c, s && *s ? s : "–");
}

void
rl_sum_formula (size_t c, size_t r0, size_t r1, char out[48])
{
  char a[16], b[16];
  rd_ref (r0, c, a);
  rd_ref (r1, c, b);
  snprintf (out, 48, "=SUM(%s:%s)", a, b);
}

void
rl_pct_formula (size_t r, size_t c_num, size_t c_den, char out[96])
{
  char n[16], dd[16];
  rd_ref (r, c_num, n);
  rd_ref (r, c_den, dd);
  snprintf (out, 96, "=IF(%s=0,\"\",ROUND(%s/%s*100,2))", dd, n, dd);
}

void
rl_totals (struct rd_table *t, size_t n)
{
  t->n_total_rows = n;
  for (size_t r = t->n_rows - n; r < t->n_rows; r++)
    for (size_t c = 0; c < t->n_cols; c++)
      rd_table_cell (t, r, c)->bold = true;
}

struct rd_block *
rl_add_table (struct rd_doc *d, struct rd_table *t)
{
  struct rd_block *b = rd_add (d, RD_TABLE);
  if (b)
    b->table = t;
  return b;
}

void
rl_chart (struct rd_doc *d, const char *key, const char *number,
          const char *title, enum rd_chart_kind kind, bool stacked,
          size_t n_cats, const char **cats, size_t n_series,
          struct rd_series *series, double y_max, const char *unit)
{
  struct rd_chart *g = rd_alloc (&d->arena, sizeof *g);
  if (NULL == g)
    return;
  g->key = key;
  g->number = number;
  g->title = title;
  g->kind = kind;
  g->stacked = stacked;
  g->n_cats = n_cats;
  g->cats = cats;
  g->n_series = n_series;
  g->series = series;
  g->y_max = y_max;
  g->unit = unit;
  g->decimals = unit ? 2 : 0;
  struct rd_block *b = rd_add (d, RD_CHART);
  if (b)
    b->chart = g;
}
