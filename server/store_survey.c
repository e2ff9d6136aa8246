/* Survey responses: the insert run by the writer, and the period totals
   that the IKM is computed from. */
#include "store_impl.h"
#include <stdlib.h>
#include <string.h>

enum store_status
store_survey_insert (struct store_conn *c, const struct survey_record *r)
{
  sqlite3_stmt *st = store_stmt (c, Q_SURVEY_RESPONSE_INSERT);
  int rc;

  sqlite3_bind_text (st, 1, r->public_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, r->unit_id);
  sqlite3_bind_text (st, 3, r->form_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 4, r->form_version);
  sqlite3_bind_int64 (st, 5, r->service_id);
  sqlite3_bind_int64 (st, 6, r->submitted_at);
  sqlite3_bind_text (st, 7, r->local_date, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 8, r->gender);
  if (r->age > 0)
    sqlite3_bind_int (st, 9, r->age);
  else
    sqlite3_bind_null (st, 9);
  store_bind_text_opt (st, 10, r->education);
  store_bind_text_opt (st, 11, r->occupation);
  store_bind_text_opt (st, 12, r->occupation_other);
  store_bind_text_opt (st, 13, r->suggestion);
  for (int i = 0; i < STORE_SURVEY_ITEMS; i++)
    if (r->answers[i] > 0)
      sqlite3_bind_int (st, 14 + i, r->answers[i]);
    else
      sqlite3_bind_null (st, 14 + i);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  return store_status_of (rc);
}

/* Run a period query (unit, form, from, to) and hand each row to FILL,
   collecting fixed-size rows into a malloc'ed array. */
static enum store_status
store_period_rows (struct store *s, enum store_query q, int64_t unit_id,
                   const char *form_id, const char *from, const char *to,
                   size_t row_size,
                   void (*fill) (sqlite3_stmt *st, void *row),
                   void **rows, size_t *n_rows)
{
  struct store_conn *c = store_reader (s);

  *rows = NULL;
  *n_rows = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, q);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, form_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, to, -1, SQLITE_STATIC);
  return store_collect (st, row_size, fill, rows, n_rows);
}

static void
fill_totals (sqlite3_stmt *st, void *p)
{
  struct survey_totals_row *r = p;
  r->form_version = sqlite3_column_int (st, 0);
  r->service_id = sqlite3_column_int64 (st, 1);
  r->respondents = sqlite3_column_int64 (st, 2);
  for (int i = 0; i < STORE_SURVEY_ITEMS; i++)
  {
    r->sum[i] = sqlite3_column_int64 (st, 3 + 2 * i);
    r->count[i] = sqlite3_column_int64 (st, 4 + 2 * i);
  }
}

static void
fill_dist (sqlite3_stmt *st, void *p)
{
  struct survey_dist_row *r = p;
  r->form_version = sqlite3_column_int (st, 0);
  for (int i = 0; i < STORE_SURVEY_ITEMS; i++)
    for (int v = 0; v < 4; v++)
      r->count[i][v] = sqlite3_column_int64 (st, 1 + 4 * i + v);
}

enum store_status
store_survey_totals (struct store *s, int64_t unit_id, const char *form_id,
                     const char *from, const char *to,
                     struct survey_totals_row **rows, size_t *n_rows)
{
  return store_period_rows (s, Q_SURVEY_ITEM_TOTALS, unit_id, form_id, from,
                            to, sizeof **rows, &fill_totals,
                            (void **) rows, n_rows);
}

enum store_status
store_survey_distribution (struct store *s, int64_t unit_id,
                           const char *form_id, const char *from,
                           const char *to, struct survey_dist_row **rows,
                           size_t *n_rows)
{
  return store_period_rows (s, Q_SURVEY_DISTRIBUTION, unit_id, form_id, from,
                            to, sizeof **rows, &fill_dist,
                            (void **) rows, n_rows);
}

enum store_status
store_form_version_definition (struct store *s, const char *form_id,
                               int version, char **text)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_FORM_VERSION_DEFINITION);
  sqlite3_bind_text (st, 1, form_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, version);
  int rc = sqlite3_step (st);
  enum store_status r;
  if (SQLITE_ROW == rc)
  {
    const char *t = (const char *) sqlite3_column_text (st, 0);
    *text = strdup (t ? t : "");
    r = *text ? STORE_OK : STORE_HARD_ERROR;
  }
  else
    r = SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  sqlite3_reset (st);
  return r;
}
