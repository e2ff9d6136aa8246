/*
 * QR codes for the documents (REPORTS.md §3.3, §3.4, §12): the module
 * matrix of a text from libqrencode, drawn by the PDF (cairo) and HTML
 * (SVG) renderers from the same matrix.
 */
#ifndef WADAH_REPORTS_QR_H
#define WADAH_REPORTS_QR_H
#include <stdbool.h>
#include <stddef.h>

/* The modules of TEXT (error correction M) as *N x *N bytes, 1 = dark,
   malloc'ed into *MODULES; false when TEXT cannot be encoded. */
bool rd_qr (const char *text, int *n, unsigned char **modules);
/* The quiet zone every drawing keeps around the symbol, in modules. */
#define RD_QR_QUIET 4
#endif
