/*
 * Allow-list validation: a field not in the definition is an error, every
 * value is typed and bounded, text is UTF-8 checked and measured in code
 * points.  Error messages are Bahasa Indonesia; codes are stable for the API.
 */
#include "forms.h"
#include "calendar.h"
#include "idcheck.h"
#include "utf8.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
jstr (json_t *o, const char *k)
{
  json_t *v = json_object_get (o, k);
  return json_is_string (v) ? json_string_value (v) : NULL;
}

/* "88.31" -> 8831; definitions write grades as strings so no float
   rounding is involved.  An IKM value: 1-3 digits, then optionally '.'
   and 1-2 digits, at most 100.00; -1 for anything else. */
static int
parse_hundredths (const char *s)
{
  int whole = 0, frac = 0, digits = 0, n = 0;
  for (; *s >= '0' && *s <= '9' && n < 4; s++, n++)
    whole = whole * 10 + (*s - '0');
  if (0 == n || n > 3)
    return -1;
  if (*s == '.')
  {
    for (s++; *s >= '0' && *s <= '9' && digits < 3; s++, digits++)
      frac = frac * 10 + (*s - '0');
    if (0 == digits || digits > 2)
      return -1;
  }
  if (*s)
    return -1;
  if (digits == 1)
    frac *= 10;
  int v = whole * 100 + frac;
  return v <= 10000 ? v : -1;
}

struct form *
form_load (const char *text, size_t len, char *err, size_t errlen)
{
  json_error_t jerr;
  struct form *f = calloc (1, sizeof *f);

  if (NULL == f)
  {
    snprintf (err, errlen, "out of memory");
    return NULL;
  }
  f->def = json_loadb (text, len, JSON_REJECT_DUPLICATES, &jerr);
  if (NULL == f->def)
  {
    snprintf (err, errlen, "line %d: %s", jerr.line, jerr.text);
    goto fail;
  }
  f->id = jstr (f->def, "id");
  f->kind = jstr (f->def, "kind");
  f->version = (int) json_integer_value (json_object_get (f->def, "version"));
  if (! f->id || ! f->kind || f->version <= 0)
  {
    snprintf (err, errlen, "id, kind and a positive version are required");
    goto fail;
  }
  json_t *scale = json_object_get (f->def, "scale");
  f->scale_min = json_integer_value (json_object_get (scale, "min"));
  f->scale_max = json_integer_value (json_object_get (scale, "max"));
  json_t *index = json_object_get (f->def, "index");
  f->index_factor = json_number_value (json_object_get (index, "factor"));
  json_t *grades = json_object_get (index, "grades");
  size_t gi;
  json_t *g;
  json_array_foreach (grades, gi, g)
  {
    if (f->n_grades == sizeof f->grades / sizeof f->grades[0]
        || ! jstr (g, "min") || ! jstr (g, "mutu") || ! jstr (g, "kinerja"))
    {
      snprintf (err, errlen, "bad grade row %zu", gi);
      goto fail;
    }
    struct ikm_grade *r = &f->grades[f->n_grades++];
    r->min_hundredths = parse_hundredths (jstr (g, "min"));
    if (r->min_hundredths < 0)
    {
      snprintf (err, errlen, "grade row %zu: min must be 0-100 with at most"
                " two decimals", gi);
      goto fail;
    }
    snprintf (r->mutu, sizeof r->mutu, "%s", jstr (g, "mutu"));
    snprintf (r->kinerja, sizeof r->kinerja, "%s", jstr (g, "kinerja"));
    if (f->n_grades > 1 && r->min_hundredths >= r[-1].min_hundredths)
    {
      snprintf (err, errlen, "grades must be listed highest first");
      goto fail;
    }
  }

  json_t *fields = json_object_get (f->def, "fields");
  if (! json_is_array (fields) || 0 == json_array_size (fields))
  {
    snprintf (err, errlen, "fields must be a non-empty array");
    goto fail;
  }
  f->n_fields = json_array_size (fields);
  f->fields = calloc (f->n_fields, sizeof *f->fields);
  if (NULL == f->fields)
    goto fail;
  size_t i;
  json_t *fd;
  json_array_foreach (fields, i, fd)
  {
    struct form_field *x = &f->fields[i];
    const char *type = jstr (fd, "type");
    x->def = fd;
    x->name = jstr (fd, "name");
    x->group = jstr (fd, "group");
    x->key = jstr (fd, "key") ? jstr (fd, "key") : x->name;
    x->required = json_is_true (json_object_get (fd, "required"));
    json_t *rif = json_object_get (fd, "required_if");
    x->req_if_field = jstr (rif, "field");
    x->req_if_value = jstr (rif, "value");
    x->source = jstr (fd, "source");
    x->choices = json_object_get (fd, "choices");
    x->min = json_integer_value (json_object_get (fd, "min"));
    x->max = json_integer_value (json_object_get (fd, "max"));
    x->max_length = (size_t) json_integer_value (json_object_get (fd,
                                                   "max_length"));
    x->min_length = (size_t) json_integer_value (json_object_get (fd,
                                                   "min_length"));
    x->identity = json_is_true (json_object_get (fd, "identity"));
    if (NULL == x->name || NULL == type)
    {
      snprintf (err, errlen, "field %zu: name and type are required", i);
      goto fail;
    }
    if (0 == strcmp (type, "choice"))
      x->type = FT_CHOICE;
    else if (0 == strcmp (type, "integer"))
      x->type = FT_INTEGER;
    else if (0 == strcmp (type, "text"))
      x->type = FT_TEXT;
    else if (0 == strcmp (type, "date"))
      x->type = FT_DATE;
    else if (0 == strcmp (type, "nik"))
      x->type = FT_NIK;
    else if (0 == strcmp (type, "phone"))
      x->type = FT_PHONE;
    else if (0 == strcmp (type, "email"))
      x->type = FT_EMAIL;
    else if (0 == strcmp (type, "scale"))
    {
      x->type = FT_SCALE;
      x->min = f->scale_min;
      x->max = f->scale_max;
      /* The width in unsigned arithmetic: MAX - MIN may not fit a long
         long. */
      if (x->min >= x->max || 0 == json_array_size (x->choices)
          || json_array_size (x->choices) - 1
             != (unsigned long long) x->max - (unsigned long long) x->min)
      {
        snprintf (err, errlen, "field %s: scale needs one label per point",
                  x->name);
        goto fail;
      }
    }
    else
    {
      snprintf (err, errlen, "field %s: unknown type %s", x->name, type);
      goto fail;
    }
    if (x->type == FT_CHOICE && ! x->source && ! json_is_array (x->choices))
    {
      snprintf (err, errlen, "field %s: choices or source required", x->name);
      goto fail;
    }
    if (x->type == FT_CHOICE && ! x->source)
    {
      x->values = calloc (json_array_size (x->choices) + 1,
                          sizeof *x->values);
      if (NULL == x->values)
        goto fail;
      size_t ci;
      json_t *c;
      json_array_foreach (x->choices, ci, c)
      {
        x->values[ci] = jstr (c, "value");
        if (NULL == x->values[ci])
        {
          snprintf (err, errlen, "field %s: choice %zu has no value",
                    x->name, ci);
          goto fail;
        }
      }
      x->n_values = json_array_size (x->choices);
    }
    if (x->type == FT_TEXT && 0 == x->max_length)
    {
      snprintf (err, errlen, "field %s: max_length required", x->name);
      goto fail;
    }
    for (size_t k = 0; k < i; k++)
      if (0 == strcmp (f->fields[k].name, x->name))
      {
        snprintf (err, errlen, "field %s defined twice", x->name);
        goto fail;
      }
  }
  size_t scales = 0;
  for (size_t k = 0; k < f->n_fields; k++)
    scales += f->fields[k].type == FT_SCALE;
  if (scales > FORM_MAX_SCALE)
  {
    snprintf (err, errlen, "at most %d scale questions", FORM_MAX_SCALE);
    goto fail;
  }
  return f;
fail:
  form_free (f);
  return NULL;
}

void
form_free (struct form *f)
{
  if (NULL == f)
    return;
  for (size_t i = 0; f->fields && i < f->n_fields; i++)
    free (f->fields[i].values);
  free (f->fields);
  json_decref (f->def);
  free (f);
}

const struct form_field *
form_field_find (const struct form *f, const char *name)
{
  for (size_t i = 0; i < f->n_fields; i++)
    if (0 == strcmp (f->fields[i].name, name))
      return &f->fields[i];
  return NULL;
}

/* ---- checking one value ---- */

/* The error path A (".B" when B is given) into OUT of CAP bytes.  A path
   too long for it is cut at a character boundary: Jansson refuses a key
   that is not valid UTF-8, and the error would be lost with it. */
static void
path_set (char *out, size_t cap, const char *a, const char *b)
{
  size_t al = strlen (a), bl = b ? strlen (b) : 0;
  if (al + (b ? 1 + bl : 0) < cap)
  {
    memcpy (out, a, al);
    if (b)
    {
      out[al] = '.';
      memcpy (out + al + 1, b, bl + 1);
    }
    else
      out[al] = '\0';
    return;
  }
  snprintf (out, cap, b ? "%s.%s" : "%s", a, b);
  size_t n = cap - 1;
  /* Drop a sequence the cut left incomplete: back to its lead byte, and
     keep that sequence only when all of it fits. */
  size_t lead = n;
  while (lead > 0 && 0x80 == ((unsigned char) out[lead - 1] & 0xc0))
    lead--;
  if (lead > 0 && ((unsigned char) out[lead - 1] & 0x80))
  {
    unsigned char c = (unsigned char) out[lead - 1];
    size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    if (n - (lead - 1) < want)
      n = lead - 1;
  }
  out[n] = '\0';
}

static void
add_error (json_t *errors, const char *path, const char *code,
           const char *message)
{
  json_object_set_new (errors, path,
                       json_pack ("{s:s, s:s}", "code", code,
                                  "message", message));
}

static bool
choice_ok (const struct form_field *x, const char *v, form_choice_cb cb,
           void *cls)
{
  if (x->source)
    return cb && cb (cls, x->source, v);
  for (size_t i = 0; i < x->n_values; i++)
    if (0 == strcmp (x->values[i], v))
      return true;
  return false;
}

/* Check a text-or-integer value for field X; on success store the
   normalised value in VALUES.  STR is the text form (HTML) or NULL; JV the
   JSON value (API) or NULL. */
static void
check_value (const struct form_field *x, const char *path, const char *str,
             size_t str_len, json_t *jv, form_choice_cb cb, void *cls,
             json_t *values, json_t *errors)
{
  char msg[160];

  if (str && ! utf8_valid_text (str, str_len))
  {
    add_error (errors, path, "invalid_text",
               "Teks mengandung karakter yang tidak sah.");
    return;
  }
  switch (x->type)
  {
  case FT_INTEGER:
  case FT_SCALE: {
    long long n;
    if (jv)
    {
      if (! json_is_integer (jv))
      {
        add_error (errors, path, "invalid_type",
                   x->type == FT_SCALE ? "Jawaban harus berupa angka 1 sampai 4."
                                       : "Harus berupa bilangan bulat.");
        return;
      }
      n = json_integer_value (jv);
    }
    else
    {
      char *end;
      errno = 0;
      n = strtoll (str, &end, 10);
      if (errno || end == str || *end || str[0] == '+' || str[0] == ' '
          || str_len > 12)
      {
        add_error (errors, path, "invalid_type",
                   x->type == FT_SCALE ? "Pilih salah satu jawaban."
                                       : "Harus berupa bilangan bulat.");
        return;
      }
    }
    if (n < x->min || n > x->max)
    {
      if (x->type == FT_SCALE)
        snprintf (msg, sizeof msg, "Jawaban harus antara %lld dan %lld.",
                  x->min, x->max);
      else
        snprintf (msg, sizeof msg, "Harus antara %lld dan %lld.",
                  x->min, x->max);
      add_error (errors, path, "out_of_range", msg);
      return;
    }
    json_object_set_new (values, x->name, json_integer (n));
    return;
  }
  case FT_CHOICE:
  case FT_TEXT:
  case FT_DATE:
  case FT_NIK:
  case FT_PHONE:
  case FT_EMAIL: {
    const char *s = str;
    if (jv)
    {
      if (! json_is_string (jv))
      {
        add_error (errors, path, "invalid_type", "Harus berupa teks.");
        return;
      }
      s = json_string_value (jv);
      str_len = json_string_length (jv);
      if (strlen (s) != str_len || ! utf8_valid_text (s, str_len))
      {
        add_error (errors, path, "invalid_text",
                   "Teks mengandung karakter yang tidak sah.");
        return;
      }
    }
    /* Trim surrounding white space; empty counts as not given. */
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
      s++;
    size_t l = strlen (s);
    while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\r'
                     || s[l - 1] == '\n'))
      l--;
    if (0 == l)
      return;
    char *t = strndup (s, l);
    if (NULL == t)
    {
      add_error (errors, path, "internal", "Kesalahan server.");
      return;
    }
    const char *problem = NULL, *code = NULL;
    char norm[32] = "";
    switch (x->type)
    {
    case FT_TEXT:
      if (utf8_length (t) > x->max_length)
      {
        snprintf (msg, sizeof msg,
                  "Terlalu panjang: paling banyak %zu karakter.",
                  x->max_length);
        problem = msg;
        code = "too_long";
      }
      else if (x->min_length && utf8_length (t) < x->min_length)
      {
        snprintf (msg, sizeof msg,
                  "Terlalu pendek: paling sedikit %zu karakter.",
                  x->min_length);
        problem = msg;
        code = "too_short";
      }
      break;
    case FT_CHOICE:
      if (! choice_ok (x, t, cb, cls))
      {
        problem = "Pilih salah satu pilihan yang tersedia.";
        code = "invalid_choice";
      }
      break;
    case FT_DATE: {
      int32_t day;
      if (! cal_parse (t, &day))
      {
        problem = "Tanggal tidak valid; tulis TTTT-BB-HH, misalnya 2025-03-02.";
        code = "invalid_date";
      }
      break;
    }
    case FT_NIK: {
      bool female, known;
      enum nik_result nr = idcheck_nik (t, &female, &known);
      if (NIK_OK != nr)
      {
        problem = idcheck_nik_message (nr);
        code = "invalid_nik";
      }
      break;
    }
    case FT_PHONE: {
      bool mobile;
      if (! idcheck_phone (t, norm, sizeof norm, &mobile))
      {
        problem = "Nomor telepon tidak valid. Contoh: 0812-3456-7890.";
        code = "invalid_phone";
      }
      break;
    }
    case FT_EMAIL:
      if (strlen (t) > 254 || ! idcheck_email (t))
      {
        problem = "Alamat email tidak valid.";
        code = "invalid_email";
      }
      break;
    case FT_INTEGER:
    case FT_SCALE:
      break;
    }
    if (problem)
    {
      add_error (errors, path, code, problem);
      free (t);
      return;
    }
    json_object_set_new (values, x->name, json_string (norm[0] ? norm : t));
    free (t);
    return;
  }
  }
}

static void
path_of (const struct form_field *x, bool grouped, char *out, size_t cap)
{
  if (grouped && x->group)
    snprintf (out, cap, "%s.%s", x->group, x->key);
  else
    snprintf (out, cap, "%s", x->name);
}

/* Required and required_if checks once every value is in. */
static void
check_required (const struct form *f, bool grouped, json_t *values,
                json_t *errors)
{
  char path[128];
  for (size_t i = 0; i < f->n_fields; i++)
  {
    const struct form_field *x = &f->fields[i];
    bool need = x->required;
    if (! need && x->req_if_field)
    {
      json_t *o = json_object_get (values, x->req_if_field);
      need = json_is_string (o)
             && 0 == strcmp (json_string_value (o), x->req_if_value);
    }
    if (! need || json_object_get (values, x->name))
      continue;
    path_of (x, grouped, path, sizeof path);
    if (! json_object_get (errors, path))
      add_error (errors, path, "required",
                 x->type == FT_SCALE ? "Pertanyaan ini wajib dijawab."
                                     : "Wajib diisi.");
  }
}

static json_t *
finish (json_t *values, json_t *errors, json_t **errors_out)
{
  if (0 == json_object_size (errors))
  {
    json_decref (errors);
    *errors_out = NULL;
    return values;
  }
  json_decref (values);
  *errors_out = errors;
  return NULL;
}

json_t *
form_validate_json (const struct form *f, const json_t *input,
                    form_choice_cb cb, void *cls, json_t **errors_out)
{
  json_t *values = json_object ();
  json_t *errors = json_object ();
  const char *key;
  json_t *v;
  char path[160];

  if (! json_is_object (input))
  {
    add_error (errors, "$", "invalid_type", "Data harus berupa objek JSON.");
    return finish (values, errors, errors_out);
  }
  json_object_foreach ((json_t *) input, key, v)
  {
    const struct form_field *x = form_field_find (f, key);
    if (x && NULL == x->group)
    {
      check_value (x, key, NULL, 0, v, cb, cls, values, errors);
      continue;
    }
    /* A group object? */
    bool is_group = false;
    for (size_t i = 0; i < f->n_fields && ! is_group; i++)
      is_group = f->fields[i].group && 0 == strcmp (f->fields[i].group, key);
    if (! is_group)
    {
      path_set (path, sizeof path, key, NULL);
      add_error (errors, path, "unknown_field", "Kolom tidak dikenal.");
      continue;
    }
    if (json_is_null (v))
      continue;
    if (! json_is_object (v))
    {
      add_error (errors, key, "invalid_type", "Harus berupa objek.");
      continue;
    }
    const char *k2;
    json_t *v2;
    json_object_foreach (v, k2, v2)
    {
      const struct form_field *y = NULL;
      for (size_t i = 0; i < f->n_fields && NULL == y; i++)
        if (f->fields[i].group && 0 == strcmp (f->fields[i].key, k2)
            && 0 == strcmp (f->fields[i].group, key))
          y = &f->fields[i];
      /* "group.key", for error messages; built on every value, so without
         snprintf when it fits (that was 2-3% of a survey submission). */
      path_set (path, sizeof path, key, k2);
      if (NULL == y)
      {
        add_error (errors, path, "unknown_field", "Kolom tidak dikenal.");
        continue;
      }
      if (json_is_null (v2))
        continue;
      check_value (y, path, NULL, 0, v2, cb, cls, values, errors);
    }
  }
  check_required (f, true, values, errors);
  return finish (values, errors, errors_out);
}

json_t *
form_validate_pairs (const struct form *f, const struct form_pair *pairs,
                     size_t n, form_choice_cb cb, void *cls,
                     json_t **errors_out, json_t **raw_out)
{
  json_t *values = json_object ();
  json_t *errors = json_object ();
  json_t *raw = json_object ();

  for (size_t i = 0; i < n; i++)
  {
    const struct form_pair *p = &pairs[i];
    const struct form_field *x = form_field_find (f, p->key);
    char path[160];
    path_set (path, sizeof path, p->key, NULL);
    if (NULL == x)
    {
      add_error (errors, path, "unknown_field", "Kolom tidak dikenal.");
      continue;
    }
    if (json_object_get (raw, x->name))
    {
      add_error (errors, path, "duplicate_field", "Kolom dikirim dua kali.");
      continue;
    }
    if (utf8_valid_text (p->value, p->value_len))
      json_object_set_new (raw, x->name, json_stringn (p->value,
                                                       p->value_len));
    else
      json_object_set_new (raw, x->name, json_string (""));
    if (0 == p->value_len)
      continue;
    check_value (x, path, p->value, p->value_len, NULL, cb, cls, values,
                 errors);
  }
  check_required (f, false, values, errors);
  if (raw_out)
    *raw_out = raw;
  else
    json_decref (raw);
  return finish (values, errors, errors_out);
}

const char *
form_choice_label (const struct form *f, const char *name, const char *value)
{
  const struct form_field *x = form_field_find (f, name);
  size_t i;
  json_t *c;
  if (NULL == x || x->type != FT_CHOICE || NULL == value)
    return NULL;
  json_array_foreach (x->choices, i, c)
  {
    const char *v = json_string_value (json_object_get (c, "value"));
    if (v && 0 == strcmp (value, v))
      return json_string_value (json_object_get (c, "label"));
  }
  return NULL;
}

void
form_add_choice_labels (const struct form *f, json_t *values)
{
  if (! json_is_object (values))
    return;
  for (size_t i = 0; i < f->n_fields; i++)
  {
    const struct form_field *x = &f->fields[i];
    const char *label = form_choice_label (f, x->name, json_string_value (
                                             json_object_get (values,
                                                              x->name)));
    char key[96];
    snprintf (key, sizeof key, "%s_label", x->name);
    if (label)
      json_object_set_new (values, key, json_string (label));
  }
}
