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
  store_bind_text_opt (st, 30, r->channel);
  store_bind_text_opt (st, 31, r->source);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  return store_status_of (rc);
}

enum store_status
store_survey_aggregate (struct store *s, int64_t unit_id, const char *form_id,
                        const char *from, const char *to,
                        struct survey_totals_row **totals, size_t *n_totals,
                        struct survey_dist_row **dist, size_t *n_dist)
{
  struct store_conn *c = store_reader (s);
  *totals = NULL;
  *n_totals = 0;
  *dist = NULL;
  *n_dist = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  /* One row per form version and service, in that order, summed from the
     per-day aggregates the insert trigger keeps. */
  sqlite3_stmt *st = store_stmt (c, Q_SURVEY_DAYS_SUM);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, form_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, to, -1, SQLITE_STATIC);
  struct survey_totals_row *t = NULL;
  struct survey_dist_row *d = NULL;
  size_t nt = 0, nd = 0;
  int rc;
  enum store_status r = STORE_OK;
  while (SQLITE_ROW == (rc = sqlite3_step (st)))
  {
    int version = sqlite3_column_int (st, 0);
    struct survey_totals_row *tr = realloc (t, (nt + 1) * sizeof *tr);
    if (NULL == tr)
    {
      r = STORE_HARD_ERROR;
      break;
    }
    t = tr;
    tr = &t[nt++];
    memset (tr, 0, sizeof *tr);
    tr->form_version = version;
    tr->service_id = sqlite3_column_int64 (st, 1);
    tr->respondents = sqlite3_column_int64 (st, 2);
    /* The distribution of a version is the sum over its services. */
    if (0 == nd || d[nd - 1].form_version != version)
    {
      struct survey_dist_row *p = realloc (d, (nd + 1) * sizeof *p);
      if (NULL == p)
      {
        r = STORE_HARD_ERROR;
        break;
      }
      d = p;
      memset (&d[nd], 0, sizeof d[nd]);
      d[nd++].form_version = version;
    }
    struct survey_dist_row *dr = &d[nd - 1];
    for (int i = 0; i < STORE_SURVEY_ITEMS; i++)
      for (int v = 0; v < 4; v++)
      {
        int64_t n = sqlite3_column_int64 (st, 3 + 4 * i + v);
        tr->sum[i] += n * (v + 1);
        tr->count[i] += n;
        dr->count[i][v] += n;
      }
  }
  sqlite3_reset (st);
  if (STORE_OK == r && SQLITE_DONE != rc)
    r = store_status_of (rc);
  if (STORE_OK != r)
  {
    free (t);
    free (d);
    return r;
  }
  *totals = t;
  *n_totals = nt;
  *dist = d;
  *n_dist = nd;
  return STORE_OK;
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
