/*
 * Route handlers (one resource per h_*.c file) and the helpers they share.
 */
#ifndef WADAH_HANDLERS_H
#define WADAH_HANDLERS_H
#include "app.h"
#include "http.h"

/* h_common.c */
/* Look up the unit named by path parameter 0.  Returns H_CONTINUE with *U
   filled, or the answered 404/500. */
enum hres h_unit (struct req *r, struct unit *u);
/* A page context with the title and the unit ({slug, name}); U may be NULL. */
json_t *h_page_ctx (const char *title, const struct unit *u);
/* Answer a store failure (busy 503, anything else 500). */
enum hres h_store_error (struct req *r, enum store_status st);
/* Indonesian number formatting: "91,48", "1.234". */
void h_fmt_decimal (char *out, size_t cap, double x, int decimals);
void h_fmt_int (char *out, size_t cap, long long n);

/* h_form.c: fill CTX with form F's sections, fields, the typed values RAW
   and ERRORS (may be NULL), for form-fields.html and form-errors.html.
   SOURCES maps a dynamic choice source to [{value,label}]. */
void h_form_ctx (json_t *ctx, const struct form *f, json_t *raw,
                 json_t *errors, json_t *sources, const char *title);

/* h_common.c: check a request's uploads (count, size, type by content);
   NULL when acceptable, else a message in Bahasa Indonesia. */
const char *h_uploads_problem (struct req *r);
/* h_common.c: Unix time T as RFC 3339 in the zone at OFFSET minutes. */
void h_fmt_time (int64_t t, int offset_min, char *out, size_t cap);
/* Add {"code","message"} for PATH to ERRORS unless PATH has one already. */
void h_field_error (json_t *errors, const char *path, const char *code,
                    const char *msg);
/* A JSON body of a small call: an object with only ALLOWED keys and the
   string REQUIRED (may be NULL).  False with *ERRORS naming each problem;
   the caller owns *ERRORS either way. */
bool h_json_body (struct req *r, const char *const *allowed,
                  const char *required, json_t **errors);
/* As h_fmt_time, or only "YYYY-MM-DD" when DAY_ONLY (a WBS reporter's
   acts are kept to the day). */
void h_fmt_when (int64_t t, bool day_only, int offset_min, char *out,
                 size_t cap);

/* h_complaint.c */
enum hres h_api_complaint_post (struct req *r);
enum hres h_api_complaint_view (struct req *r);
enum hres h_api_complaint_reply (struct req *r);
enum hres h_api_complaint_confirm (struct req *r);
enum hres h_complaint_page (struct req *r);
enum hres h_complaint_page_post (struct req *r);
enum hres h_complaint_track_page (struct req *r);
enum hres h_complaint_track_post (struct req *r);
enum hres h_complaint_public_page (struct req *r);
enum hres h_staff_complaint_new (struct req *r);
enum hres h_staff_complaint_new_post (struct req *r);

/* h_complaint_staff.c */
enum hres h_api_complaints (struct req *r);
enum hres h_api_complaint (struct req *r);
enum hres h_api_complaint_status (struct req *r);
enum hres h_api_complaint_message (struct req *r);
enum hres h_api_complaint_unsur (struct req *r);
enum hres h_api_complaint_publish (struct req *r);
enum hres h_staff_complaints (struct req *r);
enum hres h_staff_complaint (struct req *r);
enum hres h_staff_complaint_post (struct req *r);
enum hres h_staff_attachment (struct req *r);

/* h_wbs.c */
enum hres h_api_wbs_post (struct req *r);
enum hres h_api_wbs_view (struct req *r);
enum hres h_api_wbs_message (struct req *r);
enum hres h_wbs_page (struct req *r);
enum hres h_wbs_page_post (struct req *r);
enum hres h_wbs_track_page (struct req *r);
enum hres h_wbs_track_post (struct req *r);
enum hres h_api_wbs_stats (struct req *r);
enum hres h_wbs_stats_page (struct req *r);

/* h_wbs_staff.c */
enum hres h_api_wbs_list (struct req *r);
enum hres h_api_wbs_get (struct req *r);
enum hres h_api_wbs_team_message (struct req *r);
enum hres h_api_wbs_status (struct req *r);
enum hres h_api_wbs_identity (struct req *r);
enum hres h_staff_wbs_post (struct req *r);
enum hres h_api_wbs_identity_pending (struct req *r);
enum hres h_api_wbs_identity_decide (struct req *r);
enum hres h_staff_wbs_attachment (struct req *r);

/* h_health.c */
enum hres h_health (struct req *r);
enum hres h_metrics (struct req *r);
/* h_static.c */
enum hres h_static (struct req *r);
/* h_home.c */
enum hres h_home (struct req *r);
enum hres h_unit_home (struct req *r);
enum hres h_api_services (struct req *r);
/* h_survey.c */
enum hres h_survey_page (struct req *r);
enum hres h_survey_page_post (struct req *r);
enum hres h_survey_thanks (struct req *r);
enum hres h_api_survey_post (struct req *r);
/* h_ikm.c */
enum hres h_ikm_page (struct req *r);
enum hres h_api_ikm (struct req *r);
/* h_auth.c */
enum hres h_api_login (struct req *r);
enum hres h_logout (struct req *r);
enum hres h_api_me (struct req *r);
enum hres h_staff_login_page (struct req *r);
enum hres h_staff_login_post (struct req *r);
enum hres h_staff_home (struct req *r);
/* The context every staff page shares (user, roles, keys, csrf). */
json_t *h_staff_ctx (struct req *r, const char *title);
/* h_users.c */
enum hres h_api_users (struct req *r);
enum hres h_api_user_add (struct req *r);
enum hres h_api_user_disable (struct req *r);
enum hres h_api_user_password (struct req *r);
enum hres h_api_key_grant (struct req *r);
enum hres h_api_key_revoke (struct req *r);
enum hres h_api_me_password (struct req *r);
enum hres h_staff_users (struct req *r);
enum hres h_staff_user_add (struct req *r);
enum hres h_staff_user_action (struct req *r);
enum hres h_staff_password_page (struct req *r);
enum hres h_staff_password_post (struct req *r);
/* h_audit.c */
enum hres h_api_audit (struct req *r);
enum hres h_api_audit_check (struct req *r);
enum hres h_api_audit_anchor (struct req *r);
enum hres h_staff_audit (struct req *r);
/* h_report.c: documents (REPORTS.md §1.1) */
enum hres h_api_reports (struct req *r);
enum hres h_api_report (struct req *r);
enum hres h_api_report_final (struct req *r);
enum hres h_api_report_narratives (struct req *r);
enum hres h_api_report_narrative_post (struct req *r);
enum hres h_api_report_artifact (struct req *r);
enum hres h_staff_reports (struct req *r);
enum hres h_staff_report (struct req *r);
enum hres h_staff_report_final (struct req *r);
enum hres h_staff_report_narrative (struct req *r);
enum hres h_report_css (struct req *r);
/* h_report_data.c: unit document data (§7.6) and the tracker (§4) */
enum hres h_api_report_settings (struct req *r);
enum hres h_api_report_settings_post (struct req *r);
enum hres h_staff_report_settings (struct req *r);
enum hres h_staff_report_settings_post (struct req *r);
enum hres h_api_recommendations (struct req *r);
enum hres h_api_recommendation_post (struct req *r);
enum hres h_api_recommendation_event (struct req *r);
enum hres h_staff_tracker (struct req *r);
enum hres h_staff_tracker_post (struct req *r);
/* The unit's document data (kop, place, LKE version, channels, logo as
   base64, signatories_add/_end, activities_add) from BODY, checked and
   stored as the API does, by WHO: STORE_NO_ROW with *ERRORS (field ->
   {code, message}) when refused.  For the command line. */
enum store_status report_settings_apply (struct store *store,
                                         const struct unit *u,
                                         const json_t *body, const char *who,
                                         json_t **errors);
#endif
