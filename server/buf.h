/*
 * Growable byte buffer used for response bodies, request bodies and
 * template output.  Always NUL-terminated after any append.
 */
#ifndef WADAH_BUF_H
#define WADAH_BUF_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
  char *p;       /* owned; NULL until the first append */
  size_t len;
  size_t cap;
  bool oom;      /* an allocation failed; contents are truncated */
};

void buf_append (struct buf *b, const void *data, size_t len);
void buf_puts (struct buf *b, const char *s);
void buf_printf (struct buf *b, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));
/* Append S with & < > " ' / replaced by entities (HTML text and quoted
   attributes). */
void buf_html_escape (struct buf *b, const char *s);
/* Hand over the contents (caller frees); B is reset. */
char *buf_steal (struct buf *b, size_t *len);
void buf_free (struct buf *b);
#endif
