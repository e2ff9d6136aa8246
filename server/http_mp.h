/*
 * multipart/form-data bodies (http.c): libmicrohttpd's post processor
 * parses the body and hands every piece of a part to http_mp_part, which
 * keeps text parts as fields and files as uploads, each capped (http.h:
 * HTTP_MAX_FIELDS, HTTP_MAX_UPLOADS, HTTP_UPLOAD_MAX).  Apart from http.c
 * for the fuzz harness (tests/fuzz/fuzz_multipart.c), which drives the
 * same functions through a real connection.
 */
#ifndef WADAH_HTTP_MP_H
#define WADAH_HTTP_MP_H
#include "http.h"
#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Start parsing R's body (R->conn's Content-Type names the boundary);
   false when libmicrohttpd cannot (no usable boundary). */
bool http_mp_begin (struct req *r);
/* Feed the next SIZE bytes; a malformed body sets R->too_large. */
void http_mp_feed (struct req *r, const char *data, size_t size);
/* The body is in: end the parser and turn the text parts into R->form.
   False when the body was malformed or a part name is unusable. */
bool http_mp_finish (struct req *r);
/* Free the parser, the fields and the uploads (wiped). */
void http_mp_free (struct req *r);
/* The post processor's callback (MHD_PostDataIterator) with CLS = R. */
enum MHD_Result http_mp_part (void *cls, enum MHD_ValueKind kind,
                              const char *key, const char *filename,
                              const char *content_type,
                              const char *transfer_encoding, const char *data,
                              uint64_t off, size_t size);
#endif
