/*
 * GET /metrics: the server's counters in Prometheus text format
 * (exposition format 0.0.4) — requests per route pattern, answers per
 * status, the slow-work queues per kind, the writer's queue and group
 * commits, the upload budget.  Nothing personal: no unit, no path values,
 * no address, no user.  Admitted from this machine only (not through a
 * proxy) unless the setting metrics = any; metrics = off hides it (404).
 */
#include "handlers.h"
#include "pool.h"
#include "store.h"
#include <string.h>

enum hres
h_metrics (struct req *r)
{
  const char *who = r->app->metrics;
  if (0 == strcmp (who, "off"))
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  if (0 != strcmp (who, "any") && ! http_from_loopback (r))
    return http_reply_error (r, ERR_FORBIDDEN, NULL);
  struct buf b = { 0 };
  http_metrics (&b);

  struct pool_stats ps;
  pool_stats (r->app->pool, &ps);
  static const struct { const char *name, *help; } pm[] = {
    { "wadah_work_queued", "Slow work waiting, by kind." },
    { "wadah_work_running", "Slow work running, by kind." },
    { "wadah_work_done_total", "Slow work finished, by kind." },
    { "wadah_work_refused_total", "Slow work refused (queue full: 503)." },
  };
  for (size_t m = 0; m < 4; m++)
  {
    buf_printf (&b, "# HELP %s %s\n# TYPE %s %s\n", pm[m].name, pm[m].help,
                pm[m].name, m < 2 ? "gauge" : "counter");
    for (int k = 0; k < POOL__KINDS; k++)
    {
      unsigned long long v = 0 == m ? ps.queued[k] : 1 == m ? ps.running[k]
                             : 2 == m ? ps.done[k] : ps.refused[k];
      buf_printf (&b, "%s{kind=\"%s\"} %llu\n", pm[m].name,
                  pool_kind_name ((enum pool_kind) k), v);
    }
  }

  struct store_stats ss;
  store_stats (r->app->store, &ss);
  buf_printf (&b, "# HELP wadah_store_queued Durable writes waiting for the"
              " writer.\n# TYPE wadah_store_queued gauge\n"
              "wadah_store_queued %u\n"
              "# HELP wadah_store_jobs_total Durable writes run.\n"
              "# TYPE wadah_store_jobs_total counter\n"
              "wadah_store_jobs_total %llu\n"
              "# HELP wadah_store_jobs_failed_total Durable writes refused.\n"
              "# TYPE wadah_store_jobs_failed_total counter\n"
              "wadah_store_jobs_failed_total %llu\n"
              "# HELP wadah_store_group_size Jobs per group commit (one"
              " fsync).\n# TYPE wadah_store_group_size histogram\n",
              ss.queued, ss.jobs, ss.failed);
  unsigned long long cum = 0;
  for (int i = 0; i < STORE_GROUP_BUCKETS; i++)
  {
    cum += ss.group_size[i];
    if (i + 1 < STORE_GROUP_BUCKETS)
      buf_printf (&b, "wadah_store_group_size_bucket{le=\"%u\"} %llu\n",
                  1u << i, cum);
  }
  buf_printf (&b, "wadah_store_group_size_bucket{le=\"+Inf\"} %llu\n"
              "wadah_store_group_size_sum %llu\n"
              "wadah_store_group_size_count %llu\n", cum, ss.jobs,
              ss.groups);
  if (b.oom)
  {
    buf_free (&b);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  return http_reply (r, 200, "text/plain; version=0.0.4; charset=utf-8",
                     &b);
}
