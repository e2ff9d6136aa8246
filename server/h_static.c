/* GET /static/{file}: the stylesheet and other assets compiled in from
   forms/static/.  Nothing is ever loaded from outside the server. */
#include "embed.h"
#include "handlers.h"
#include <string.h>

static const char *
mime_of (const char *name)
{
  const char *dot = strrchr (name, '.');
  if (dot && 0 == strcmp (dot, ".css"))
    return "text/css; charset=utf-8";
  if (dot && 0 == strcmp (dot, ".svg"))
    return "image/svg+xml";
  if (dot && 0 == strcmp (dot, ".txt"))
    return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

enum hres
h_static (struct req *r)
{
  const struct embed_file *f = embed_find (embed_static, http_param (r, 0));
  if (NULL == f)
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  return http_reply_static (r, mime_of (f->name), f->data, f->len);
}
