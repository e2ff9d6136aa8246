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
  bool oom;      /* an allocation failed (or the sink did); contents are
                    truncated */
  /* A sink (optional): when an append would grow a full buffer, the
     contents go to SINK (SINK_CLS, data, len) and the buffer starts again
     empty, so that a text of any length passes through CAP bytes.  False
     from the sink sets oom.  buf_flush hands over the rest. */
  bool (*sink) (void *sink_cls, const char *data, size_t len);
  void *sink_cls;
};

void buf_append (struct buf *b, const void *data, size_t len);
/* The capacity B will have once LEN more bytes are appended (its capacity
   now when they fit): what an append is about to allocate. */
size_t buf_cap_for (const struct buf *b, size_t len);
void buf_puts (struct buf *b, const char *s);
void buf_printf (struct buf *b, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));
/* Append S with & < > " ' / replaced by entities (HTML text and quoted
   attributes). */
void buf_html_escape (struct buf *b, const char *s);
/* Hand over the contents (caller frees); B is reset. */
char *buf_steal (struct buf *b, size_t *len);
void buf_free (struct buf *b);
/* Give the contents to the sink and empty the buffer (false when the sink
   failed or there is none). */
bool buf_flush (struct buf *b);
#endif
