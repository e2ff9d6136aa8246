/*
 * The SVG back end of the chart model (doc.h's rd_chart), for the HTML
 * renderer, and the number formatting it shares with the CSV writer.
 * The cairo back end (PDF) draws the same model; neither reads anything
 * but the chart, so the same chart gives the same bytes.
 */
#ifndef WADAH_REPORTS_CHART_SVG_H
#define WADAH_REPORTS_CHART_SVG_H
#include "buf.h"
#include "doc.h"
#include <stdbool.h>
#include <stddef.h>

/* Write V into OUT (CAP bytes, always terminated) with DECIMALS digits
   after DEC, rounded half away from zero as Excel's ROUND does (on the
   value's 15 significant digits, so 1.005 gives 1,01 and 65.625 gives
   65,63), THOUSANDS (may be NULL or "") between groups of three integer
   digits, and '-' before a negative value that does not round to zero.
   Returns false, with OUT "", when V is not finite. */
bool rd_fmt_number (char *out, size_t cap, double v, int decimals,
                    const char *thousands, char dec);

/* Append chart C as one inline <svg role="img"> to B: a viewBox, a
   <title> (id ID-t) with the number and title, a <desc> (id ID-d)
   listing every value for screen readers, real <text> labels in the
   Indonesian number format, colours from rd_palette, a legend when there
   are several series, and dashed reference lines with their labels.  ID
   must be unique in the page and safe in an attribute (the caller makes
   it: "rd-g1").  Every string of C is escaped. */
void chart_svg_write (struct buf *b, const struct rd_chart *c,
                      const char *id);
#endif
