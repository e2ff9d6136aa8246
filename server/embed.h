/*
 * Files compiled into the binary by tools/embed.sh: SQL migrations and
 * queries (sql/), form definitions, templates and static assets (forms/),
 * the ZI catalogue and default narrative texts (reports/).
 */
#ifndef WADAH_EMBED_H
#define WADAH_EMBED_H
#include <stddef.h>

struct embed_file {
  const char *name;   /* base name, e.g. "0001-init.sql" */
  const char *data;   /* NUL-terminated contents */
  size_t len;         /* length without the terminating NUL */
};

/* Each table ends with an entry whose name is NULL. */
extern const struct embed_file embed_sql[];
extern const struct embed_file embed_forms[];
extern const struct embed_file embed_templates[];
extern const struct embed_file embed_static[];
extern const struct embed_file embed_reports[];   /* reports/: json, txt */

/* Find NAME in TABLE; NULL when absent. */
const struct embed_file *embed_find (const struct embed_file *table,
                                     const char *name);
#endif
