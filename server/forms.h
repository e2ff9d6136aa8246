/*
 * The forms engine: form definitions (JSON in forms/) and allow-list
 * validation of submitted values against them.  No I/O of its own: choices
 * that live in the database (e.g. a unit's service types) are checked
 * through a callback.
 *
 * A definition has an id, a version, a kind ("survey", ...) and fields:
 *   name, group (optional: the JSON object the field sits in), type
 *   (choice | integer | text | scale | date | nik | phone | email),
 *   required, required_if, min/max, min_length/max_length, choices
 *   [{value,label}] or source, identity (sealed personal data), labels and
 *   help texts.  Phone numbers are normalised to E.164 (+62…).
 * Survey definitions also carry the scale and the index grades.
 */
#ifndef WADAH_FORMS_H
#define WADAH_FORMS_H
#include "ikm.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum form_type { FT_CHOICE, FT_INTEGER, FT_TEXT, FT_SCALE, FT_DATE, FT_NIK,
                 FT_PHONE, FT_EMAIL };

/* Scale questions per form: the store keeps answers in as many columns. */
#define FORM_MAX_SCALE 16

struct form_field {
  const char *name;        /* borrowed from the definition's json_t */
  const char *group;       /* NULL for top-level fields */
  const char *key;         /* its key inside the group's JSON object (the
                              definition's "key", default the name) */
  enum form_type type;
  bool required;
  const char *req_if_field;    /* required when that field ... */
  const char *req_if_value;    /* ... has this value */
  long long min, max;      /* integer and scale bounds */
  size_t max_length;       /* text: code points */
  size_t min_length;       /* text: code points, when given */
  bool identity;           /* personal data: sealed before it is stored */
  const char *source;      /* choice: dynamic list name, e.g. "services" */
  json_t *choices;         /* choice: array of {value,label} (borrowed) */
  const char **values;     /* choice: the values, for quick checks (owned
                              array of borrowed strings) */
  size_t n_values;
  json_t *def;             /* the field's definition object (borrowed) */
};

struct form {
  json_t *def;             /* owned: the whole definition */
  const char *id;
  int version;
  const char *kind;
  struct form_field *fields;
  size_t n_fields;
  long long scale_min, scale_max;
  struct ikm_grade grades[8];
  size_t n_grades;
  double index_factor;     /* 25 for the IKM */
};

/* Parse and check a definition.  NULL on error with a reason in ERR. */
struct form *form_load (const char *text, size_t len, char *err,
                        size_t errlen);
void form_free (struct form *f);
const struct form_field *form_field_find (const struct form *f,
                                          const char *name);
/* The label of choice VALUE of field NAME (a fixed list); NULL if none. */
const char *form_choice_label (const struct form *f, const char *name,
                               const char *value);
/* For each fixed-list choice field of F present in the flat object VALUES,
   add "<name>_label" with the chosen value's label (pages show labels,
   the data keeps codes). */
void form_add_choice_labels (const struct form *f, json_t *values);

/* Is VALUE one of the dynamic list SOURCE's values? */
typedef bool (*form_choice_cb) (void *cls, const char *source,
                                const char *value);

/* A url-encoded or multipart field as received. */
struct form_pair {
  const char *key;
  const char *value;
  size_t value_len;
};

/* Validate a JSON object INPUT (fields nested in their groups).  Returns
   the normalised values, a flat object {name: string|integer} of the
   fields present, or NULL with *ERRORS set to {path: {code,message}} where
   path is "group.name" (or "name").  *ERRORS is NULL on success. */
json_t *form_validate_json (const struct form *f, const json_t *input,
                            form_choice_cb cb, void *cls, json_t **errors);
/* The same for flat name=value pairs from an HTML form; error keys are
   field names.  *RAW receives the submitted text per field (to refill the
   form), also on failure. */
json_t *form_validate_pairs (const struct form *f,
                             const struct form_pair *pairs, size_t n,
                             form_choice_cb cb, void *cls, json_t **errors,
                             json_t **raw);
#endif
