/*
 * HTML templates (the .html files of forms/templates, compiled in): a small mustache
 * subset rendered against a Jansson context.
 *
 *   {{name}}, {{a.b}}, {{.}}   value, HTML-escaped (& < > " ' /)
 *   {{{name}}}                 raw: only for HTML the server built itself
 *   {{#name}}..{{/name}}       array: once per element; object: once with it
 *                              pushed; true / non-empty string / non-zero
 *                              number: once; otherwise skipped
 *   {{^name}}..{{/name}}       rendered when name is false, empty or missing
 *   {{> partial}}              another template (partial.html)
 *   {{! comment }}
 */
#ifndef WADAH_TMPL_H
#define WADAH_TMPL_H
#include "buf.h"
#include <jansson.h>
#include <stdbool.h>

/* Render template NAME (e.g. "survey.html") with CTX into OUT.  False when
   the template is missing or malformed (logged; a bug, not a client fault). */
bool tmpl_render (const char *name, json_t *ctx, struct buf *out);
/* The same for a template given as text (tests). */
bool tmpl_render_text (const char *text, size_t len, json_t *ctx,
                       struct buf *out);
#endif
