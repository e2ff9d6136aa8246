/* The front page (list of units), a unit's home page, and the public list
   of a unit's service types (GET /api/v1/u/{unit}/services). */
#include "handlers.h"
#include <stdlib.h>

static bool
add_unit (void *cls, const struct unit *u)
{
  json_array_append_new (cls, json_pack ("{s:s, s:s}", "slug", u->slug,
                                         "name", u->name));
  return true;
}

enum hres
h_home (struct req *r)
{
  json_t *units = json_array ();
  enum store_status st = store_unit_list (r->app->store, &add_unit, units);
  if (STORE_OK != st)
  {
    json_decref (units);
    return h_store_error (r, st);
  }
  json_t *ctx = h_page_ctx ("Layanan pengaduan dan survei", NULL);
  json_object_set_new (ctx, "has_units",
                       json_boolean (json_array_size (units) > 0));
  json_object_set_new (ctx, "units", units);
  return http_reply_html (r, 200, "home.html", ctx);
}

enum hres
h_unit_home (struct req *r)
{
  struct unit unit;
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  return http_reply_html (r, 200, "unit.html", h_page_ctx (unit.name, &unit));
}

enum hres
h_api_services (struct req *r)
{
  struct unit unit;
  struct service *sv;
  size_t n;
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  enum store_status st = store_service_list (r->app->store, unit.id, &sv, &n);
  if (STORE_OK != st)
    return h_store_error (r, st);
  json_t *a = json_array ();
  for (size_t i = 0; i < n; i++)
    json_array_append_new (a, json_pack ("{s:s, s:s}", "code", sv[i].code,
                                         "name", sv[i].name));
  free (sv);
  return http_reply_json (r, 200, json_pack ("{s:s, s:o}", "unit", unit.slug,
                                             "services", a));
}
