/*
 * server/forms.c, the allow-list validator, with the real form
 * definitions (skm, pengaduan, wbs): a JSON body as the API receives it
 * or url-encoded pairs as an HTML form sends them.  The first byte picks
 * the form and the way in; one way in in eight loads the rest as a form
 * definition instead (form_load: definitions are compiled in, but the
 * loader should still refuse what it cannot use).
 *
 * Beyond memory safety, the validator's promises (forms.h): exactly one
 * of values and errors; errors name fields with a code and a message;
 * accepted values are only the form's fields, each of its type and within
 * its bounds, every required field is there, and nothing the definition
 * does not know was sent.
 */
#include "fuzz.h"
#include "calendar.h"
#include "embed.h"
#include "forms.h"
#include "idcheck.h"
#include "jsonin.h"
#include "urlenc.h"
#include "utf8.h"

static struct form *forms[3];

static struct form *
load (const char *name)
{
  char err[256];
  const struct embed_file *f = embed_find (embed_forms, name);
  struct form *form = f ? form_load (f->data, f->len, err, sizeof err) : NULL;
  if (NULL == form)
  {
    fprintf (stderr, "fuzz_forms: %s: %s\n", name, f ? err : "missing");
    abort ();
  }
  return form;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  forms[0] = load ("skm.json");
  forms[1] = load ("pengaduan.json");
  forms[2] = load ("wbs.json");
  return 0;
}

/* Dynamic lists (services, categories): a few codes exist. */
static bool
choice_cb (void *cls, const char *source, const char *value)
{
  static const char *const known[] = { "KTP-el", "KK", "AKTA-LAHIR",
                                       "PELAYANAN", "PUNGLI", NULL };
  (void) cls;
  (void) source;
  for (size_t i = 0; known[i]; i++)
    if (0 == strcmp (known[i], value))
      return true;
  return false;
}

static bool
is_group (const struct form *f, const char *name)
{
  for (size_t i = 0; i < f->n_fields; i++)
    if (f->fields[i].group && 0 == strcmp (f->fields[i].group, name))
      return true;
  return false;
}

static const struct form_field *
grouped_field (const struct form *f, const char *group, const char *key)
{
  for (size_t i = 0; i < f->n_fields; i++)
    if (f->fields[i].group && 0 == strcmp (f->fields[i].group, group)
        && 0 == strcmp (f->fields[i].key, key))
      return &f->fields[i];
  return NULL;
}

/* Every key of the JSON INPUT is a field or a group of F. */
static void
json_keys_known (const struct form *f, json_t *input)
{
  const char *k, *k2;
  json_t *v, *v2;
  json_object_foreach (input, k, v)
  {
    const struct form_field *x = form_field_find (f, k);
    if (x && NULL == x->group)
      continue;
    FUZZ_CHECK (is_group (f, k), "unknown field '%s' accepted", k);
    json_object_foreach (v, k2, v2)
      FUZZ_CHECK (grouped_field (f, k, k2), "unknown field '%s.%s' accepted",
                  k, k2);
  }
}

static void
errors_sound (json_t *errors)
{
  const char *path;
  json_t *e;
  FUZZ_CHECK (json_is_object (errors) && json_object_size (errors) > 0,
              "refused without an error");
  json_object_foreach (errors, path, e)
  {
    FUZZ_CHECK (json_is_string (json_object_get (e, "code"))
                && json_is_string (json_object_get (e, "message")),
                "error %s without code or message", path);
  }
}

/* The accepted VALUES of F: typed, bounded, required ones present. */
static void
values_sound (const struct form *f, json_t *values)
{
  const char *name;
  json_t *v;
  json_object_foreach (values, name, v)
  {
    const struct form_field *x = form_field_find (f, name);
    FUZZ_CHECK (x != NULL, "value for unknown field %s", name);
    if (x->type == FT_INTEGER || x->type == FT_SCALE)
    {
      FUZZ_CHECK (json_is_integer (v), "%s not an integer", name);
      json_int_t n = json_integer_value (v);
      FUZZ_CHECK (n >= x->min && n <= x->max, "%s = %lld out of range", name,
                  (long long) n);
      continue;
    }
    FUZZ_CHECK (json_is_string (v), "%s not a string", name);
    const char *s = json_string_value (v);
    size_t l = json_string_length (v);
    FUZZ_CHECK (l > 0 && strlen (s) == l && utf8_valid_text (s, l),
                "%s is not text", name);
    FUZZ_CHECK (! strchr (" \t\r\n", s[0]) && ! strchr (" \t\r\n", s[l - 1]),
                "%s is not trimmed", name);
    bool b1, b2;
    int32_t day;
    char norm[32];
    switch (x->type)
    {
    case FT_TEXT:
      FUZZ_CHECK (utf8_length (s) <= x->max_length
                  && utf8_length (s) >= x->min_length, "%s length", name);
      break;
    case FT_CHOICE:
      if (x->source)
        FUZZ_CHECK (choice_cb (NULL, x->source, s), "%s = %s", name, s);
      else
      {
        size_t k = 0;
        while (k < x->n_values && strcmp (x->values[k], s))
          k++;
        FUZZ_CHECK (k < x->n_values, "%s = %s is no choice", name, s);
      }
      break;
    case FT_DATE:
      FUZZ_CHECK (cal_parse (s, &day), "%s = %s", name, s);
      break;
    case FT_NIK:
      FUZZ_CHECK (NIK_OK == idcheck_nik (s, &b1, &b2), "%s = %s", name, s);
      break;
    case FT_PHONE:
      FUZZ_CHECK (idcheck_phone (s, norm, sizeof norm, &b1)
                  && 0 == strcmp (norm, s), "%s = %s", name, s);
      break;
    case FT_EMAIL:
      FUZZ_CHECK (idcheck_email (s), "%s = %s", name, s);
      break;
    default:
      break;
    }
  }
  for (size_t i = 0; i < f->n_fields; i++)
    if (f->fields[i].required)
      FUZZ_CHECK (json_object_get (values, f->fields[i].name),
                  "required %s missing", f->fields[i].name);
}

static void
by_json (const struct form *f, const char *text, size_t len)
{
  char err[80];
  json_t *errors = NULL;
  json_t *input = jsonin_parse (text, len, err);
  if (NULL == input)
    return;
  json_t *values = form_validate_json (f, input, choice_cb, NULL, &errors);
  FUZZ_CHECK ((NULL == values) != (NULL == errors), "values and errors");
  if (values)
  {
    FUZZ_CHECK (json_is_object (input), "a non-object accepted");
    json_keys_known (f, input);
    values_sound (f, values);
  }
  else
    errors_sound (errors);
  json_decref (values);
  json_decref (errors);
  json_decref (input);
}

static void
by_pairs (const struct form *f, const char *text, size_t len)
{
  struct urlenc u;
  json_t *errors = NULL, *raw = NULL;
  if (! urlenc_parse (text, len, 64, &u))
    return;
  json_t *values = form_validate_pairs (f, u.pairs, u.n, choice_cb, NULL,
                                        &errors, &raw);
  FUZZ_CHECK ((NULL == values) != (NULL == errors), "values and errors");
  FUZZ_CHECK (json_is_object (raw), "no raw values");
  if (values)
  {
    for (size_t i = 0; i < u.n; i++)
    {
      FUZZ_CHECK (form_field_find (f, u.pairs[i].key), "unknown field '%s'"
                  " accepted", u.pairs[i].key);
      for (size_t j = 0; j < i; j++)
        FUZZ_CHECK (strcmp (u.pairs[i].key, u.pairs[j].key),
                    "field '%s' twice", u.pairs[i].key);
    }
    values_sound (f, values);
  }
  else
    errors_sound (errors);
  json_decref (values);
  json_decref (errors);
  json_decref (raw);
  urlenc_free (&u);
}

static void
definition (const char *text, size_t len)
{
  char err[256];
  json_t *errors = NULL;
  struct form *f = form_load (text, len, err, sizeof err);
  if (NULL == f)
  {
    FUZZ_CHECK (memchr (err, '\0', sizeof err) && err[0], "no reason");
    return;
  }
  json_t *input = json_pack ("{s:s, s:i}", f->fields[0].name, "1", "x", 1);
  json_t *values = form_validate_json (f, input, choice_cb, NULL, &errors);
  FUZZ_CHECK ((NULL == values) != (NULL == errors), "values and errors");
  json_decref (values);
  json_decref (errors);
  json_decref (input);
  form_free (f);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  unsigned int sel = data[0];
  char *text = fuzz_str (data + 1, size - 1);
  size_t len = size - 1;
  if (7 == (sel & 7))
    definition (text, len);
  else if (sel & 8)
    by_pairs (forms[sel % 3], text, len);
  else
    by_json (forms[sel % 3], text, len);
  free (text);
  return 0;
}
