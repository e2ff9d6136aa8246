/* A sample document tree exercising every block kind, for the renderer
   tests: kop, title, evidence lines, headings, a slot left empty, tables
   with totals and formulas, a 120-row landscape register that must break
   across pages, each chart kind, a box, a signature and the keterangan.
   Strings include markup characters and a CSV-injection attempt. */
#ifndef WADAH_TEST_FIXTURE_DOC_H
#define WADAH_TEST_FIXTURE_DOC_H
#include "doc.h"
void fixture_doc (struct rd_doc *d, bool draft);
#endif
