/* Loading the compiled-in form definitions and recording their versions, so
   that an answer always names the definition it was given on. */
#include "app.h"
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

bool
app_forms_load (struct app *app)
{
  app->survey = load_one (app, "skm.json");
  app->complaint = load_one (app, "pengaduan.json");
  return app->survey && app->complaint;
}

void
app_forms_free (struct app *app)
{
  form_free (app->survey);
  form_free (app->complaint);
  app->survey = app->complaint = NULL;
}
