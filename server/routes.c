/*
 * The one static route table: method, path, handler, who may call it, body
 * kind and limit, answer format.  A route without a declared access level
 * cannot exist: ACCESS_PUBLIC is written out on every public route.
 */
#include "handlers.h"
#include "roles.h"

#define KB 1024

const struct route http_routes[] = {
  /* health and assets */
  { "GET", "/healthz", h_health, ACCESS_PUBLIC, BODY_NONE, 0, FMT_JSON },
  { "GET", "/static/{file}", h_static, ACCESS_PUBLIC, BODY_NONE, 0, FMT_ASSET },

  /* public pages */
  { "GET", "/", h_home, ACCESS_PUBLIC, BODY_NONE, 0, FMT_HTML },
  { "GET", "/u/{unit}", h_unit_home, ACCESS_PUBLIC, BODY_NONE, 0, FMT_HTML },
  { "GET", "/u/{unit}/survei", h_survey_page, ACCESS_PUBLIC, BODY_NONE, 0,
    FMT_HTML },
  { "POST", "/u/{unit}/survei", h_survey_page_post, ACCESS_PUBLIC, BODY_FORM,
    16 * KB, FMT_HTML },
  { "GET", "/u/{unit}/survei/terima-kasih", h_survey_thanks, ACCESS_PUBLIC,
    BODY_NONE, 0, FMT_HTML },
  { "GET", "/u/{unit}/hasil-survei", h_ikm_page, ACCESS_PUBLIC, BODY_NONE, 0,
    FMT_HTML },

  { "GET", "/u/{unit}/pengaduan", h_complaint_page, ACCESS_PUBLIC, BODY_NONE,
    0, FMT_HTML },
  { "POST", "/u/{unit}/pengaduan", h_complaint_page_post, ACCESS_PUBLIC,
    BODY_FILES, HTTP_MAX_UPLOADS * HTTP_UPLOAD_MAX + 64 * KB, FMT_HTML },
  { "GET", "/u/{unit}/pengaduan/lacak", h_complaint_track_page, ACCESS_PUBLIC,
    BODY_NONE, 0, FMT_HTML },
  { "POST", "/u/{unit}/pengaduan/lacak", h_complaint_track_post,
    ACCESS_PUBLIC, BODY_FILES, HTTP_MAX_UPLOADS * HTTP_UPLOAD_MAX + 64 * KB,
    FMT_HTML },
  { "GET", "/u/{unit}/tindak-lanjut", h_complaint_public_page, ACCESS_PUBLIC,
    BODY_NONE, 0, FMT_HTML },

  /* public API (API.md) */
  { "GET", "/api/v1/u/{unit}/services", h_api_services, ACCESS_PUBLIC,
    BODY_NONE, 0, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/survey", h_api_survey_post, ACCESS_PUBLIC,
    BODY_JSON, 16 * KB, FMT_JSON },
  { "GET", "/api/v1/u/{unit}/ikm", h_api_ikm, ACCESS_PUBLIC, BODY_NONE, 0,
    FMT_JSON },

  /* complaints (API.md): citizens file without a session; an officer's
     session (looked up, not required) unlocks the staff-only fields */
  { "POST", "/api/v1/u/{unit}/complaints", h_api_complaint_post, ACCESS_LOGIN,
    BODY_JSON, 32 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/complaints/{tracking}/view",
    h_api_complaint_view, ACCESS_PUBLIC, BODY_JSON, 1 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/complaints/{tracking}/reply",
    h_api_complaint_reply, ACCESS_PUBLIC, BODY_JSON, 16 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/complaints/{tracking}/confirm",
    h_api_complaint_confirm, ACCESS_PUBLIC, BODY_JSON, 1 * KB, FMT_JSON },

  /* complaints: officers */
  { "GET", "/api/v1/u/{unit}/complaints", h_api_complaints,
    ROLE_PETUGAS_PENGADUAN | ROLE_ADMIN | ROLE_PIMPINAN, BODY_NONE, 0,
    FMT_JSON },
  { "GET", "/api/v1/u/{unit}/complaints/{tracking}", h_api_complaint,
    ROLE_PETUGAS_PENGADUAN | ROLE_ADMIN | ROLE_PIMPINAN, BODY_NONE, 0,
    FMT_JSON },
  { "POST", "/api/v1/u/{unit}/complaints/{tracking}/status",
    h_api_complaint_status, ROLE_PETUGAS_PENGADUAN, BODY_JSON, 4 * KB,
    FMT_JSON },
  { "POST", "/api/v1/u/{unit}/complaints/{tracking}/messages",
    h_api_complaint_message, ROLE_PETUGAS_PENGADUAN, BODY_JSON, 8 * KB,
    FMT_JSON },
  { "POST", "/api/v1/u/{unit}/complaints/{tracking}/unsur",
    h_api_complaint_unsur, ROLE_PETUGAS_PENGADUAN, BODY_JSON, 1 * KB,
    FMT_JSON },
  { "POST", "/api/v1/u/{unit}/complaints/{tracking}/publish",
    h_api_complaint_publish, ROLE_PETUGAS_PENGADUAN, BODY_JSON, 8 * KB,
    FMT_JSON },
  { "GET", "/staff/pengaduan", h_staff_complaints,
    ROLE_PETUGAS_PENGADUAN | ROLE_ADMIN | ROLE_PIMPINAN, BODY_NONE, 0,
    FMT_HTML },
  { "GET", "/staff/pengaduan/baru", h_staff_complaint_new,
    ROLE_PETUGAS_PENGADUAN, BODY_NONE, 0, FMT_HTML },
  { "POST", "/staff/pengaduan/baru", h_staff_complaint_new_post,
    ROLE_PETUGAS_PENGADUAN, BODY_FILES,
    HTTP_MAX_UPLOADS * HTTP_UPLOAD_MAX + 64 * KB, FMT_HTML },
  { "GET", "/staff/pengaduan/{tracking}", h_staff_complaint,
    ROLE_PETUGAS_PENGADUAN | ROLE_ADMIN | ROLE_PIMPINAN, BODY_NONE, 0,
    FMT_HTML },
  { "GET", "/staff/pengaduan/{tracking}/lampiran/{id}", h_staff_attachment,
    ROLE_PETUGAS_PENGADUAN | ROLE_ADMIN, BODY_NONE, 0, FMT_HTML },
  { "POST", "/staff/pengaduan/{tracking}", h_staff_complaint_post,
    ROLE_PETUGAS_PENGADUAN, BODY_FORM, 8 * KB, FMT_HTML },

  /* whistleblowing (API.md): the reporter, with the receipt; no address
     or browser data is kept for these routes */
  { "GET", "/u/{unit}/wbs", h_wbs_page, ACCESS_PUBLIC, BODY_NONE, 0,
    FMT_HTML },
  { "POST", "/u/{unit}/wbs", h_wbs_page_post, ACCESS_PUBLIC, BODY_FILES,
    HTTP_MAX_UPLOADS * HTTP_UPLOAD_MAX + 64 * KB, FMT_HTML },
  { "GET", "/u/{unit}/wbs/lacak", h_wbs_track_page, ACCESS_PUBLIC, BODY_NONE,
    0, FMT_HTML },
  { "POST", "/u/{unit}/wbs/lacak", h_wbs_track_post, ACCESS_PUBLIC,
    BODY_FILES, HTTP_MAX_UPLOADS * HTTP_UPLOAD_MAX + 64 * KB, FMT_HTML },
  { "GET", "/u/{unit}/wbs/statistik", h_wbs_stats_page, ACCESS_PUBLIC,
    BODY_NONE, 0, FMT_HTML },
  { "GET", "/api/v1/u/{unit}/wbs/stats", h_api_wbs_stats, ACCESS_PUBLIC,
    BODY_NONE, 0, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/wbs", h_api_wbs_post, ACCESS_PUBLIC, BODY_JSON,
    32 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/wbs/view", h_api_wbs_view, ACCESS_PUBLIC,
    BODY_JSON, 1 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/wbs/messages", h_api_wbs_message, ACCESS_PUBLIC,
    BODY_JSON, 16 * KB, FMT_JSON },

  /* whistleblowing: the team (holders of the WBS key, checked in the
     handlers) and custodians */
  { "GET", "/api/v1/u/{unit}/wbs", h_api_wbs_list,
    ROLE_PENGELOLA_WBS | ROLE_ADMIN, BODY_NONE, 0, FMT_JSON },
  { "GET", "/api/v1/u/{unit}/wbs/{id}", h_api_wbs_get,
    ROLE_PENGELOLA_WBS | ROLE_ADMIN, BODY_NONE, 0, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/wbs/{id}/messages", h_api_wbs_team_message,
    ROLE_PENGELOLA_WBS | ROLE_ADMIN, BODY_JSON, 16 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/wbs/{id}/status", h_api_wbs_status,
    ROLE_PENGELOLA_WBS | ROLE_ADMIN, BODY_JSON, 16 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/wbs/{id}/identity", h_api_wbs_identity,
    ROLE_PENGELOLA_WBS | ROLE_ADMIN, BODY_JSON, 4 * KB, FMT_JSON },
  { "GET", "/api/v1/u/{unit}/wbs-identity", h_api_wbs_identity_pending,
    ROLE_CUSTODIAN, BODY_NONE, 0, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/wbs-identity/{request}",
    h_api_wbs_identity_decide, ROLE_CUSTODIAN, BODY_JSON, 1 * KB, FMT_JSON },
  { "GET", "/staff/wbs", h_api_wbs_list, ROLE_PENGELOLA_WBS | ROLE_ADMIN,
    BODY_NONE, 0, FMT_HTML },
  { "GET", "/staff/wbs-identitas", h_api_wbs_identity_pending,
    ROLE_CUSTODIAN, BODY_NONE, 0, FMT_HTML },
  { "POST", "/staff/wbs-identitas/{request}", h_api_wbs_identity_decide,
    ROLE_CUSTODIAN, BODY_FORM, 1 * KB, FMT_HTML },
  { "GET", "/staff/wbs/{id}/lampiran/{file}", h_staff_wbs_attachment,
    ROLE_PENGELOLA_WBS | ROLE_ADMIN, BODY_NONE, 0, FMT_HTML },
  { "GET", "/staff/wbs/{id}", h_api_wbs_get, ROLE_PENGELOLA_WBS | ROLE_ADMIN,
    BODY_NONE, 0, FMT_HTML },
  { "POST", "/staff/wbs/{id}", h_staff_wbs_post,
    ROLE_PENGELOLA_WBS | ROLE_ADMIN, BODY_FORM, 16 * KB, FMT_HTML },

  /* staff: sessions (API.md) */
  { "POST", "/api/v1/login", h_api_login, ACCESS_PUBLIC, BODY_JSON, 4 * KB,
    FMT_JSON },
  { "POST", "/api/v1/logout", h_logout, ACCESS_STAFF, BODY_NONE, 1 * KB,
    FMT_JSON },
  { "GET", "/api/v1/me", h_api_me, ACCESS_STAFF, BODY_NONE, 0, FMT_JSON },
  { "POST", "/api/v1/me/password", h_api_me_password, ACCESS_STAFF,
    BODY_JSON, 4 * KB, FMT_JSON },

  /* staff: administration */
  { "GET", "/api/v1/u/{unit}/users", h_api_users, ROLE_ADMIN, BODY_NONE, 0,
    FMT_JSON },
  { "POST", "/api/v1/u/{unit}/users", h_api_user_add, ROLE_ADMIN, BODY_JSON,
    4 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/users/{user}/disable", h_api_user_disable,
    ROLE_ADMIN, BODY_JSON, 1 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/users/{user}/password", h_api_user_password,
    ROLE_ADMIN, BODY_JSON, 4 * KB, FMT_JSON },
  /* Any holder of a key may grant it (checked in the handler). */
  { "POST", "/api/v1/u/{unit}/keys/grant", h_api_key_grant, ACCESS_STAFF,
    BODY_JSON, 1 * KB, FMT_JSON },
  { "POST", "/api/v1/u/{unit}/keys/revoke", h_api_key_revoke, ROLE_ADMIN,
    BODY_JSON, 1 * KB, FMT_JSON },
  { "GET", "/api/v1/u/{unit}/audit", h_api_audit, ROLE_ADMIN, BODY_NONE, 0,
    FMT_JSON },

  /* staff pages */
  { "GET", "/staff/masuk", h_staff_login_page, ACCESS_LOGIN, BODY_NONE, 0,
    FMT_HTML },
  { "POST", "/staff/masuk", h_staff_login_post, ACCESS_LOGIN, BODY_FORM,
    4 * KB, FMT_HTML },
  { "POST", "/staff/keluar", h_logout, ACCESS_STAFF, BODY_FORM, 1 * KB,
    FMT_HTML },
  { "GET", "/staff", h_staff_home, ACCESS_STAFF, BODY_NONE, 0, FMT_HTML },
  { "GET", "/staff/sandi", h_staff_password_page, ACCESS_STAFF, BODY_NONE, 0,
    FMT_HTML },
  { "POST", "/staff/sandi", h_staff_password_post, ACCESS_STAFF, BODY_FORM,
    4 * KB, FMT_HTML },
  { "GET", "/staff/pengguna", h_staff_users, ROLE_ADMIN, BODY_NONE, 0,
    FMT_HTML },
  { "POST", "/staff/pengguna", h_staff_user_add, ROLE_ADMIN, BODY_FORM,
    4 * KB, FMT_HTML },
  { "POST", "/staff/pengguna/{user}/aksi", h_staff_user_action, ROLE_ADMIN,
    BODY_FORM, 4 * KB, FMT_HTML },
  { "GET", "/staff/audit", h_staff_audit, ROLE_ADMIN, BODY_NONE, 0,
    FMT_HTML },

  { 0 }
};
