/* Loading the compiled-in form definitions and recording their versions, so
   that an answer always names the definition it was given on. */
#include "app.h"
#include "calendar.h"
#include "store_complaint.h"
#include "embed.h"
#include "log.h"
#include "vault.h"
#include <string.h>

/* Load forms/NAME, check it, and record its version. */
static struct form *
load_one (struct app *app, const char *name)
{
  char err[256], sha[65];
  const struct embed_file *f = embed_find (embed_forms, name);
  struct form *form;
  if (NULL == f)
  {
    LOG_E ("forms/%s is missing from the build", name);
    return NULL;
  }
  form = form_load (f->data, f->len, err, sizeof err);
  if (NULL == form)
  {
    LOG_E ("forms/%s: %s", name, err);
    return NULL;
  }
  vault_sha256_hex (f->data, f->len, sha);
  switch (store_form_version_register (app->store, form->id, form->version,
                                       sha, f->data))
  {
  case STORE_OK:
    return form;
  case STORE_NO_ROW:
    LOG_E ("forms/%s changed but its version (%d) did not: bump \"version\"",
           name, form->version);
    break;
  case STORE_BUSY:
  case STORE_HARD_ERROR:
    LOG_E ("cannot record the version of forms/%s", name);
    break;
  }
  form_free (form);
  return NULL;
}

static enum store_status
seed_holidays (struct store_conn *c, void *cls)
{
  json_t *years = json_object_get (cls, "years");
  const char *year;
  json_t *list;
  json_object_foreach (years, year, list)
  {
    size_t i;
    json_t *h;
    json_array_foreach (list, i, h)
    {
      const char *day = json_string_value (json_object_get (h, "date"));
      const char *name = json_string_value (json_object_get (h, "name"));
      const char *type = json_string_value (json_object_get (h, "type"));
      if (! day || ! name || ! type)
        continue;
      enum store_status st = store_holiday_seed (c, day, name, type);
      if (STORE_OK != st)
        return st;
    }
  }
  return STORE_OK;
}

bool
app_holidays_load (struct app *app)
{
  const struct embed_file *f = embed_find (embed_forms, "holidays.json");
  char err[200];
  struct calendar cal;
  if (NULL == f)
  {
    LOG_E ("forms/holidays.json is missing from the build");
    return false;
  }
  /* The calendar's loader is the strict check of the file. */
  cal_init (&cal);
  bool ok = cal_load_json (&cal, f->data, f->len, err, sizeof err);
  cal_free (&cal);
  if (! ok)
  {
    LOG_E ("forms/holidays.json: %s", err);
    return false;
  }
  json_t *j = json_loadb (f->data, f->len, 0, NULL);
  enum store_status st = store_write_sync (app->store, &seed_holidays, j);
  json_decref (j);
  if (STORE_OK != st)
    LOG_E ("cannot record the national holidays");
  return STORE_OK == st;
}

bool
app_forms_load (struct app *app)
{
  app->survey = load_one (app, "skm.json");
  app->complaint = load_one (app, "pengaduan.json");
  app->wbs = load_one (app, "wbs.json");
  return app->survey && app->complaint && app->wbs;
}

void
app_forms_free (struct app *app)
{
  form_free (app->survey);
  form_free (app->complaint);
  form_free (app->wbs);
  app->survey = app->complaint = app->wbs = NULL;
}
