/* GET /healthz: the process serves requests (used by tests and probes). */
#include "handlers.h"

enum hres
h_health (struct req *r)
{
  return http_reply_json (r, 200, json_pack ("{s:s}", "status", "ok"));
}
