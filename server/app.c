/* Loading the compiled-in form definitions and recording their versions, so
   that an answer always names the definition it was given on. */
#include "app.h"
#include "embed.h"
#include "log.h"
#include "vault.h"
#include <string.h>

bool
app_forms_load (struct app *app)
{
  char err[256], sha[65];
  const struct embed_file *f = embed_find (embed_forms, "skm.json");
  if (NULL == f)
  {
    LOG_E ("forms/skm.json is missing from the build");
    return false;
  }
  app->survey = form_load (f->data, f->len, err, sizeof err);
  if (NULL == app->survey)
  {
    LOG_E ("forms/%s: %s", f->name, err);
    return false;
  }
  vault_sha256_hex (f->data, f->len, sha);
  switch (store_form_version_register (app->store, app->survey->id,
                                       app->survey->version, sha, f->data))
  {
  case STORE_OK:
    return true;
  case STORE_NO_ROW:
    LOG_E ("forms/%s changed but its version (%d) did not: bump \"version\"",
           f->name, app->survey->version);
    return false;
  case STORE_BUSY:
  case STORE_HARD_ERROR:
    break;
  }
  LOG_E ("cannot record form versions");
  return false;
}

void
app_forms_free (struct app *app)
{
  form_free (app->survey);
  app->survey = NULL;
}
