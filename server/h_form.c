/*
 * Form pages: the template context of a form definition with the values a
 * person typed and the errors to show, shared by every public form (the
 * survey, the complaint).  Templates: form-errors.html, form-fields.html.
 */
#include "handlers.h"
#include <stdio.h>
#include <string.h>

void
h_form_ctx (json_t *ctx, const struct form *f, json_t *raw, json_t *errors,
            json_t *sources, const char *title)
{
  json_t *sections = json_array ();
  json_t *summary = json_array ();

  json_object_set (ctx, "form", f->def);
  json_object_set_new (ctx, "sections", sections);

  size_t si;
  json_t *sec;
  json_array_foreach (json_object_get (f->def, "sections"), si, sec)
  {
    const char *sid = json_string_value (json_object_get (sec, "id"));
    json_t *fields = json_array ();
    const char *help = json_string_value (json_object_get (sec, "help"));
    const char *stitle = json_string_value (json_object_get (sec, "title"));
    json_array_append_new (sections, json_pack ("{s:s, s:s, s:o}",
                                                "title", stitle ? stitle : "",
                                                "help", help ? help : "",
                                                "fields", fields));
    for (size_t i = 0; i < f->n_fields; i++)
    {
      const struct form_field *x = &f->fields[i];
      const char *fsec = json_string_value (json_object_get (x->def,
                                                            "section"));
      if (! fsec || 0 != strcmp (fsec, sid))
        continue;
      const char *cur = json_string_value (json_object_get (raw, x->name));
      json_t *err = json_object_get (errors, x->name);
      char id[80];
      snprintf (id, sizeof id, "f-%s", x->name);
      json_t *fc = json_pack ("{s:s, s:s, s:b}", "name", x->name, "id", id,
                              "required", x->required);
      json_object_set (fc, "def", x->def);
      json_object_set_new (fc, "value", json_string (cur ? cur : ""));
      /* aria-describedby of the control (or of the fieldset of a radio
         group): its help note and its error message, when shown.  Explicit
         nulls, so that a template lookup does not walk up the context. */
      {
        const char *fhelp = json_string_value (json_object_get (x->def,
                                                               "help"));
        bool has_help = fhelp && *fhelp;
        char described[200];
        snprintf (described, sizeof described, "%s%s%s%s%s",
                  has_help ? id : "", has_help ? "-help" : "",
                  has_help && err ? " " : "", err ? id : "",
                  err ? "-err" : "");
        json_object_set_new (fc, "describedby", *described
                             ? json_string (described) : json_null ());
      }
      if (NULL == err)
        json_object_set_new (fc, "error", json_null ());
      if (err)
      {
        json_object_set (fc, "error", json_object_get (err, "message"));
        char anchor[96];
        snprintf (anchor, sizeof anchor, "#%s%s", id,
                  (x->type == FT_SCALE
                   || (x->type == FT_CHOICE && ! x->source
                       && json_array_size (x->choices) <= 3)) ? "-1" : "");
        const char *label = json_string_value (json_object_get (x->def,
                                                                "label"));
        char qlabel[160];
        if (x->type == FT_SCALE)
        {
          snprintf (qlabel, sizeof qlabel, "%s %s", x->name,
                    json_string_value (json_object_get (x->def, "unsur")));
          label = qlabel;
        }
        /* The summary says "label: message"; a label that is a question
           ("Apa yang terjadi?") loses its own mark first. */
        char slabel[160];
        snprintf (slabel, sizeof slabel, "%s", label ? label : x->name);
        for (size_t n = strlen (slabel);
             n > 0 && (slabel[n - 1] == '?' || slabel[n - 1] == ':'
                       || slabel[n - 1] == ' ');
             n--)
          slabel[n - 1] = '\0';
        json_array_append_new (summary, json_pack (
                                 "{s:s, s:s, s:O}", "href", anchor, "label",
                                 slabel,
                                 "message", json_object_get (err, "message")));
      }
      json_t *opts = json_array ();
      if (x->type == FT_SCALE)
      {
        size_t k;
        json_t *lab;
        json_object_set_new (fc, "is_scale", json_true ());
        json_array_foreach (x->choices, k, lab)
        {
          char v[8], oid[96];
          snprintf (v, sizeof v, "%lld", x->min + (long long) k);
          snprintf (oid, sizeof oid, "%s-%zu", id, k + 1);
          json_array_append_new (opts, json_pack (
                                   "{s:s, s:s, s:O, s:b}", "value", v, "id",
                                   oid, "label", lab, "checked",
                                   cur && 0 == strcmp (cur, v)));
        }
      }
      else if (x->type == FT_CHOICE)
      {
        if (x->source)
        {
          size_t k;
          json_t *c;
          json_array_foreach (json_object_get (sources, x->source), k, c)
          {
            const char *v = json_string_value (json_object_get (c, "value"));
            json_array_append_new (opts, json_pack (
                                     "{s:s, s:O, s:b}", "value", v, "label",
                                     json_object_get (c, "label"), "checked",
                                     cur && v && 0 == strcmp (cur, v)));
          }
        }
        else
        {
          size_t k;
          json_t *c;
          json_array_foreach (x->choices, k, c)
          {
            const char *v = json_string_value (json_object_get (c, "value"));
            char oid[96];
            snprintf (oid, sizeof oid, "%s-%zu", id, k + 1);
            json_t *o = json_pack ("{s:s, s:s, s:O, s:b}", "value", v, "id",
                                   oid, "label", json_object_get (c, "label"),
                                   "checked", cur && 0 == strcmp (cur, v));
            json_t *h = json_object_get (c, "help");
            json_object_set (o, "help", h ? h : json_null ());
            json_array_append_new (opts, o);
          }
        }
        bool radio = ! x->source && json_array_size (x->choices) <= 3;
        json_object_set_new (fc, radio ? "is_radio" : "is_select",
                             json_true ());
      }
      else if (x->type == FT_INTEGER)
        json_object_set_new (fc, "is_integer", json_true ());
      else if (json_is_true (json_object_get (x->def, "multiline")))
        json_object_set_new (fc, "is_textarea", json_true ());
      else
      {
        static const char *const input_types[] = {
          [FT_TEXT] = "text", [FT_DATE] = "date", [FT_NIK] = "text",
          [FT_PHONE] = "tel", [FT_EMAIL] = "email"
        };
        json_object_set_new (fc, "is_text", json_true ());
        json_object_set_new (fc, "input_type",
                             json_string (input_types[x->type]
                                          ? input_types[x->type] : "text"));
        json_object_set_new (fc, "inputmode", x->type == FT_NIK
                             ? json_string ("numeric") : json_null ());
      }
      json_object_set_new (fc, "options", opts);
      json_array_append_new (fields, fc);
    }
  }
  /* Errors on names the form does not have (a stale or altered page). */
  const char *key;
  json_t *err;
  json_t *extra = json_object_get (f->def, "extra_fields");
  json_object_foreach (errors, key, err)
    if (NULL == form_field_find (f, key))
    {
      /* A part the page adds itself (e.g. file uploads) has its label in
         "extra_fields"; anything else is a stale or altered page. */
      const char *label = json_string_value (json_object_get (extra, key));
      char href[80];
      snprintf (href, sizeof href, "#f-%s", key);
      json_array_append_new (summary, json_pack (
                               "{s:s, s:s, s:O}", "href", label ? href
                               : "#isi", "label", label ? label : key,
                               "message", json_object_get (err, "message")));
      if (label)
        json_object_set (ctx, "error_extra", json_object_get (err,
                                                              "message"));
    }
  if (json_array_size (summary) > 0)
  {
    json_object_set_new (ctx, "errors", summary);
    json_object_set_new (ctx, "has_errors", json_true ());
    char t[200];
    snprintf (t, sizeof t, "Periksa isian - %s", title);
    json_object_set_new (ctx, "page_title", json_string (t));
  }
  else
    json_decref (summary);
}

