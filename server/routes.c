/*
 * The one static route table: method, path, handler, who may call it, body
 * kind and limit, answer format.  A route without a declared access level
 * cannot exist: ACCESS_PUBLIC is written out on every public route.
 */
#include "handlers.h"

#define KB 1024

const struct route http_routes[] = {
  /* health and assets */
  { "GET", "/healthz", h_health, ACCESS_PUBLIC, BODY_NONE, 0, FMT_JSON },
  { "GET", "/static/{file}", h_static, ACCESS_PUBLIC, BODY_NONE, 0, FMT_ASSET },

  /* public pages */
  { "GET", "/", h_home, ACCESS_PUBLIC, BODY_NONE, 0, FMT_HTML },
  { "GET", "/u/{unit}", h_unit_home, ACCESS_PUBLIC, BODY_NONE, 0, FMT_HTML },
  { "GET", "/u/{unit}/survei", h_survey_page, ACCESS_PUBLIC, BODY_NONE, 0,
    FMT_HTML },
  { "POST", "/u/{unit}/survei", h_survey_page_post, ACCESS_PUBLIC, BODY_FORM,
    16 * KB, FMT_HTML },
  { "GET", "/u/{unit}/survei/terima-kasih", h_survey_thanks, ACCESS_PUBLIC,
    BODY_NONE, 0, FMT_HTML },
  { "GET", "/u/{unit}/hasil-survei", h_ikm_page, ACCESS_PUBLIC, BODY_NONE, 0,
    FMT_HTML },

  /* public API (API.md) */
  { "GET", "/api/v1/u/{unit}/services", h_api_services, ACCESS_PUBLIC,
    BODY_NONE, 0, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/survey", h_api_survey_post, ACCESS_PUBLIC,
    BODY_JSON, 16 * KB, FMT_JSON },
  { "GET", "/api/v1/u/{unit}/ikm", h_api_ikm, ACCESS_PUBLIC, BODY_NONE, 0,
    FMT_JSON },

  { 0 }
};
