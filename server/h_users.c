/*
 * Staff administration: users (list, add, disable/enable, password reset),
 * unit key grants and revocations, and a user's own password change.  The
 * same operations answer JSON (/api/v1/...) and pages (/staff/pengguna,
 * /staff/sandi).  Each change and its audit entry commit in one job.
 */
#include "audit.h"
#include "custody.h"
#include "handlers.h"
#include "log.h"
#include "vault.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op {
  OP_ADD, OP_DISABLE, OP_ENABLE, OP_RESET, OP_GRANT, OP_REVOKE, OP_PASSWORD
};

static const char *const op_audit[] = {
  "user_add", "user_disable", "user_enable", "user_password_reset",
  "key_grant", "key_revoke", "password_change"
};

static const char *const op_done_text[] = {
  "Pengguna ditambahkan.", "Pengguna dinonaktifkan.", "Pengguna diaktifkan.",
  "Kata sandi diatur ulang. Kunci unit perlu diberikan lagi.",
  "Kunci diberikan.", "Kunci dicabut.", "Kata sandi diganti."
};

struct op_state {
  enum op op;
  char user[48];
  char *password;            /* secret memory: new password */
  char *old_password;        /* secret memory: OP_PASSWORD */
  unsigned int roles;
  int kind;
  /* Made in the pool. */
  bool slow_ok;
  char pw_hash[VAULT_PWHASH_LEN];
  unsigned char pk[VAULT_PK_BYTES], salt[VAULT_SALT_BYTES];
  unsigned char wrapped[VAULT_WRAPPED_BYTES];
  /* Outcome. */
  enum err_code err;         /* ERR__COUNT: none */
  const char *field;         /* the field at fault, for the API */
  const char *why;           /* Bahasa Indonesia, for pages and fields */
  int64_t target_id;
};

static void
op_state_free (void *p)
{
  struct op_state *s = p;
  vault_secret_free (s->password);
  vault_secret_free (s->old_password);
  vault_wipe (s, sizeof *s);
  free (s);
}

static char *
secret_dup (const char *v)
{
  size_t n = strlen (v);
  char *p = (char *) vault_secret_new (n + 1);
  if (p)
    memcpy (p, v, n + 1);
  return p;
}

static bool
name_ok (const char *s)
{
  size_t n = s ? strlen (s) : 0;
  if (n < 2 || n > 40)
    return false;
  for (; *s; s++)
    if (! ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'
           || *s == '.' || *s == '_'))
      return false;
  return true;
}

static const char custodian_refused[] =
  "Peran kustodian hanya diberikan oleh pemegang kunci pemulihan, lewat"
  " baris perintah (wadah user custodian), bukan oleh administrator.";

static enum hres users_page (struct req *r, unsigned int status,
                             const char *error, const char *notice);

/* Answer an operation's outcome in the route's format. */
static enum hres
op_finish (struct req *r)
{
  struct op_state *s = r->state;
  bool html = r->route->fmt == FMT_HTML;
  if (s->err != ERR__COUNT)
  {
    if (html)
    {
      if (s->op == OP_PASSWORD)
      {
        json_t *ctx = h_staff_ctx (r, "Ganti kata sandi");
        json_object_set_new (ctx, "error", json_string (s->why));
        return http_reply_html (r, err_status (s->err), "staff-password.html",
                                ctx);
      }
      return users_page (r, err_status (s->err), s->why, NULL);
    }
    json_t *fields = NULL;
    if (s->field)
      fields = json_pack ("{s:{s:s, s:s}}", s->field, "code",
                          s->err == ERR_VALIDATION ? "invalid" : "refused",
                          "message", s->why ? s->why : err_message (s->err));
    return http_reply_error (r, s->err, fields);
  }
  if (html)
  {
    if (s->op == OP_PASSWORD)
    {
      json_t *ctx = h_staff_ctx (r, "Ganti kata sandi");
      json_object_set_new (ctx, "notice", json_string (op_done_text[s->op]));
      return http_reply_html (r, 200, "staff-password.html", ctx);
    }
    char loc[64];
    snprintf (loc, sizeof loc, "/staff/pengguna?selesai=%d", (int) s->op);
    return http_redirect (r, loc);
  }
  return http_reply_json (r, s->op == OP_ADD ? 201 : 200,
                          json_pack ("{s:s, s:s}", "status", "ok", "user",
                                     s->user));
}

static void
fail_with (struct op_state *s, enum err_code e, const char *field,
           const char *why)
{
  s->err = e;
  s->field = field;
  s->why = why;
}

/* In the writer: look the target up, change it, log it. */
static enum store_status
op_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct op_state *s = r->state;
  const struct session *se = r->session;
  struct user_rec u;
  enum store_status st;
  char detail[160] = "";

  if (s->op == OP_ADD)
  {
    st = store_user_insert (c, se->unit_id, s->user, s->pw_hash, s->roles,
                            s->pk, s->salt, s->wrapped, &s->target_id);
    if (STORE_NO_ROW == st)
    {
      fail_with (s, ERR_CONFLICT, "user",
                 "Nama pengguna itu sudah dipakai di unit ini.");
      return STORE_NO_ROW;
    }
    if (STORE_OK != st)
      return st;
    const char *name;
    snprintf (detail, sizeof detail, "roles=");
    for (size_t i = 0; NULL != (name = role_nth (s->roles, i)); i++)
      snprintf (detail + strlen (detail), sizeof detail - strlen (detail),
                "%s%s", i ? "," : "", name);
    return audit_append (c, se->unit_id, se->username, op_audit[s->op],
                         s->user, detail);
  }
  st = store_conn_user_by_name (c, se->unit_slug, s->user, &u);
  if (STORE_NO_ROW == st)
  {
    fail_with (s, ERR_USER_NOT_FOUND, "user", "Pengguna tidak ditemukan.");
    return STORE_NO_ROW;
  }
  if (STORE_OK != st)
    return st;
  s->target_id = u.id;
  switch (s->op)
  {
  case OP_DISABLE:
  case OP_ENABLE:
    if (u.id == se->user_id)
    {
      fail_with (s, ERR_FORBIDDEN, "user",
                 "Anda tidak dapat menonaktifkan akun sendiri.");
      return STORE_NO_ROW;
    }
    st = store_user_set_disabled (c, u.id, s->op == OP_DISABLE);
    break;
  case OP_RESET:
  case OP_PASSWORD:
    st = store_user_set_keys (c, u.id, s->pw_hash, s->pk, s->salt,
                              s->wrapped);
    if (STORE_OK == st && s->op == OP_RESET)
    {
      /* The old key pair is gone, and the grants sealed to it with it.
         The custodian role goes too: whoever set this password could act
         as the custodian, and only the recovery key names one. */
      bool was = false;
      st = store_grant_delete_user (c, u.id);
      if (STORE_OK == st)
        st = store_user_set_totp (c, u.id, NULL);
      if (STORE_OK == st)
        st = store_custodian_revoke (c, u.id, &was);
      snprintf (detail, sizeof detail, "key grants dropped%s",
                was ? ", custodian role dropped" : "");
    }
    break;
  case OP_GRANT: {
    const unsigned char *sk = session_unit_key (se, s->kind);
    if (NULL == sk)
    {
      fail_with (s, ERR_NO_KEY, "kind",
                 "Anda sendiri tidak memegang kunci ini.");
      return STORE_NO_ROW;
    }
    if (! (u.roles & key_kind_roles (s->kind)) || u.disabled)
    {
      fail_with (s, ERR_FORBIDDEN, "user", s->kind == KEY_WBS
                 ? "Kunci WBS hanya untuk pengelola WBS atau admin yang aktif."
                 : "Kunci identitas hanya untuk petugas pengaduan atau admin"
                   " yang aktif.");
      return STORE_NO_ROW;
    }
    st = custody_grant (c, se->unit_id, s->kind, sk, &u, se->user_id);
    snprintf (detail, sizeof detail, "%s", key_kind_name (s->kind));
    break;
  }
  case OP_REVOKE:
    st = store_grant_delete (c, se->unit_id, key_kind_name (s->kind), u.id);
    if (STORE_NO_ROW == st)
    {
      fail_with (s, ERR_USER_NOT_FOUND, "user",
                 "Pengguna itu tidak memegang kunci ini.");
      return STORE_NO_ROW;
    }
    snprintf (detail, sizeof detail, "%s", key_kind_name (s->kind));
    break;
  case OP_ADD:
    break;
  }
  if (STORE_OK != st)
    return st;
  return audit_append (c, se->unit_id, se->username, op_audit[s->op], s->user,
                       detail);
}

static enum hres
op_written (struct req *r)
{
  struct op_state *s = r->state;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  if (STORE_OK == r->job_status
      && (s->op == OP_DISABLE || s->op == OP_RESET || s->op == OP_REVOKE))
    /* Unlocked keys and open sessions end with the access. */
    session_destroy_user (s->target_id);
  if (STORE_OK == r->job_status && s->op == OP_PASSWORD)
    /* Whoever else was in with the old password is out; the session that
       changed it stays. */
    session_destroy_user_except (s->target_id, r->session);
  return op_finish (r);
}

static enum hres
op_commit (struct req *r)
{
  r->job.run = &op_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &op_written);
}

/* In the pool: hash the new password and make (or re-wrap) the key pair. */
static void
op_slow (struct req *r)
{
  struct op_state *s = r->state;
  if (s->op == OP_PASSWORD)
  {
    struct user_rec u;
    unsigned char *sk = vault_secret_new (VAULT_SK_BYTES);
    if (sk
        && STORE_OK == store_user_by_name (r->app->store,
                                           r->session->unit_slug,
                                           r->session->username, &u)
        && vault_password_verify (u.pw_hash, s->old_password)
        && vault_user_unlock (s->old_password, u.public_key, u.key_salt,
                              u.key_wrapped, sk))
    {
      memcpy (s->pk, u.public_key, sizeof s->pk);
      s->slow_ok = vault_user_rewrap (sk, s->pk, s->password, s->salt,
                                      s->wrapped)
                   && vault_password_hash (s->password, s->pw_hash);
      if (! s->slow_ok)
        fail_with (s, ERR_INTERNAL, NULL, NULL);
    }
    else
      fail_with (s, ERR_FORBIDDEN, "old_password",
                 "Kata sandi lama tidak cocok.");
    vault_secret_free (sk);
    return;
  }
  s->slow_ok = vault_password_hash (s->password, s->pw_hash)
               && vault_user_keygen (s->password, s->pk, s->salt,
                                     s->wrapped);
  if (! s->slow_ok)
    fail_with (s, ERR_INTERNAL, NULL, NULL);
}

static enum hres
op_slow_done (struct req *r)
{
  struct op_state *s = r->state;
  if (! s->slow_ok)
    return op_finish (r);
  return op_commit (r);
}

/* Validate and start; S is owned by R from here on. */
static enum hres
op_start (struct req *r, struct op_state *s)
{
  r->state = s;
  r->state_free = &op_state_free;
  if (s->err != ERR__COUNT)
    return op_finish (r);
  if (s->op != OP_PASSWORD && ! name_ok (s->user))
  {
    fail_with (s, ERR_VALIDATION, "user",
               "Nama pengguna 2-40 karakter: huruf kecil, angka, titik,"
               " garis bawah atau tanda hubung.");
    return op_finish (r);
  }
  if (s->op == OP_ADD && (s->roles & ROLE_CUSTODIAN))
  {
    /* Issue 10, finding 4: an administrator who could name custodians
       could approve their own identity requests. */
    fail_with (s, ERR_FORBIDDEN, "roles", custodian_refused);
    return op_finish (r);
  }
  if (s->op == OP_ADD || s->op == OP_RESET || s->op == OP_PASSWORD)
  {
    const char *why = s->password
                      ? custody_password_problem (s->password, s->user)
                      : "Wajib diisi.";
    if (why)
    {
      fail_with (s, ERR_VALIDATION, "password", why);
      return op_finish (r);
    }
    if (s->op == OP_PASSWORD && NULL == s->old_password)
    {
      fail_with (s, ERR_VALIDATION, "old_password", "Wajib diisi.");
      return op_finish (r);
    }
    return http_suspend_for_work (r, POOL_STAFF, &op_slow, &op_slow_done);
  }
  return op_commit (r);
}

static struct op_state *
op_new (enum op op)
{
  struct op_state *s = calloc (1, sizeof *s);
  if (s)
  {
    s->op = op;
    s->err = ERR__COUNT;
    s->kind = -1;
  }
  return s;
}

/* ---- JSON ---- */

/* Refuse keys outside ALLOWED (NULL-terminated); false when answered. */
static bool
json_only (struct op_state *s, json_t *body, const char *const *allowed)
{
  const char *key;
  json_t *v;
  if (! json_is_object (body))
  {
    fail_with (s, ERR_VALIDATION, "$", "Harus berupa objek JSON.");
    return false;
  }
  json_object_foreach (body, key, v)
  {
    bool ok = false;
    for (size_t i = 0; allowed[i]; i++)
      ok = ok || 0 == strcmp (key, allowed[i]);
    if (! ok)
    {
      fail_with (s, ERR_VALIDATION, "unknown", "Kolom tidak dikenal.");
      s->field = NULL;
      s->why = "Kolom tidak dikenal.";
      return false;
    }
  }
  return true;
}

static const char *
jstr (json_t *o, const char *k)
{
  return json_string_value (json_object_get (o, k));
}

enum hres
h_api_user_add (struct req *r)
{
  static const char *const allowed[] = { "user", "password", "roles", NULL };
  struct op_state *s = op_new (OP_ADD);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  if (json_only (s, r->json, allowed))
  {
    const char *u = jstr (r->json, "user"), *p = jstr (r->json, "password");
    snprintf (s->user, sizeof s->user, "%s", u ? u : "");
    if (p)
      s->password = secret_dup (p);
    json_t *roles = json_object_get (r->json, "roles");
    size_t i;
    json_t *v;
    json_array_foreach (roles, i, v)
    {
      unsigned int bit = role_from_name (json_string_value (v));
      if (0 == bit)
        fail_with (s, ERR_VALIDATION, "roles", "Peran tidak dikenal.");
      s->roles |= bit;
    }
    if (0 == s->roles && s->err == ERR__COUNT)
      fail_with (s, ERR_VALIDATION, "roles", "Pilih paling sedikit satu peran.");
    if (p)
      vault_wipe ((char *) p, strlen (p));
  }
  return op_start (r, s);
}

enum hres
h_api_user_disable (struct req *r)
{
  static const char *const allowed[] = { "disabled", NULL };
  struct op_state *s = op_new (OP_DISABLE);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  snprintf (s->user, sizeof s->user, "%s", http_param (r, 1));
  if (json_only (s, r->json, allowed))
  {
    json_t *d = json_object_get (r->json, "disabled");
    if (! json_is_boolean (d))
      fail_with (s, ERR_VALIDATION, "disabled", "Harus true atau false.");
    else if (json_is_false (d))
      s->op = OP_ENABLE;
  }
  return op_start (r, s);
}

enum hres
h_api_user_password (struct req *r)
{
  static const char *const allowed[] = { "password", NULL };
  struct op_state *s = op_new (OP_RESET);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  snprintf (s->user, sizeof s->user, "%s", http_param (r, 1));
  if (json_only (s, r->json, allowed))
  {
    const char *p = jstr (r->json, "password");
    if (p)
    {
      s->password = secret_dup (p);
      vault_wipe ((char *) p, strlen (p));
    }
  }
  return op_start (r, s);
}

static enum hres
api_key (struct req *r, enum op op)
{
  static const char *const allowed[] = { "user", "kind", NULL };
  struct op_state *s = op_new (op);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  if (json_only (s, r->json, allowed))
  {
    const char *u = jstr (r->json, "user");
    snprintf (s->user, sizeof s->user, "%s", u ? u : "");
    s->kind = key_kind_from_name (jstr (r->json, "kind"));
    if (s->kind < 0)
      fail_with (s, ERR_VALIDATION, "kind", "Jenis kunci: identity atau wbs.");
  }
  if (op == OP_REVOKE && s->err == ERR__COUNT
      && ! (r->session->roles & ROLE_ADMIN))
    fail_with (s, ERR_FORBIDDEN, NULL, NULL);
  return op_start (r, s);
}

enum hres
h_api_key_grant (struct req *r)
{
  return api_key (r, OP_GRANT);
}

enum hres
h_api_key_revoke (struct req *r)
{
  return api_key (r, OP_REVOKE);
}

enum hres
h_api_me_password (struct req *r)
{
  static const char *const allowed[] = { "old_password", "password", NULL };
  struct op_state *s = op_new (OP_PASSWORD);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  snprintf (s->user, sizeof s->user, "%s", r->session->username);
  if (json_only (s, r->json, allowed))
  {
    const char *o = jstr (r->json, "old_password");
    const char *p = jstr (r->json, "password");
    if (o)
    {
      s->old_password = secret_dup (o);
      vault_wipe ((char *) o, strlen (o));
    }
    if (p)
    {
      s->password = secret_dup (p);
      vault_wipe ((char *) p, strlen (p));
    }
  }
  return op_start (r, s);
}

enum hres
h_api_users (struct req *r)
{
  struct user_row *rows = NULL;
  struct grant_row *grants = NULL;
  size_t n = 0, ng = 0;
  enum store_status st = store_user_list (r->app->store, r->session->unit_id,
                                          &rows, &n);
  if (STORE_OK == st)
    st = store_grants_of_unit (r->app->store, r->session->unit_id, &grants,
                               &ng);
  if (STORE_OK != st)
  {
    free (rows);
    return h_store_error (r, st);
  }
  json_t *a = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    json_t *roles = json_array (), *keys = json_array ();
    const char *name;
    for (size_t k = 0; NULL != (name = role_nth (rows[i].roles, k)); k++)
      json_array_append_new (roles, json_string (name));
    for (size_t g = 0; g < ng; g++)
      if (0 == strcmp (grants[g].username, rows[i].username))
        json_array_append_new (keys, json_string (grants[g].kind));
    json_array_append_new (a, json_pack ("{s:s, s:o, s:o, s:b, s:b}", "user",
                                         rows[i].username, "roles", roles,
                                         "keys", keys, "disabled",
                                         rows[i].disabled, "totp",
                                         rows[i].has_totp));
  }
  free (rows);
  free (grants);
  return http_reply_json (r, 200, json_pack ("{s:o}", "users", a));
}

/* ---- pages ---- */

static enum hres
users_page (struct req *r, unsigned int status, const char *error,
            const char *notice)
{
  struct user_row *rows = NULL;
  struct grant_row *grants = NULL;
  size_t n = 0, ng = 0;
  enum store_status st = store_user_list (r->app->store, r->session->unit_id,
                                          &rows, &n);
  if (STORE_OK == st)
    st = store_grants_of_unit (r->app->store, r->session->unit_id, &grants,
                               &ng);
  if (STORE_OK != st)
  {
    free (rows);
    return h_store_error (r, st);
  }
  json_t *ctx = h_staff_ctx (r, "Pengguna dan kunci");
  json_t *users = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    json_t *roles = json_array ();
    const char *name;
    bool has_id = false, has_wbs = false;
    for (size_t k = 0; NULL != (name = role_nth (rows[i].roles, k)); k++)
      json_array_append_new (roles, json_string (role_label (
                                                   role_from_name (name))));
    for (size_t g = 0; g < ng; g++)
      if (0 == strcmp (grants[g].username, rows[i].username))
      {
        has_id = has_id || 0 == strcmp (grants[g].kind, "identity");
        has_wbs = has_wbs || 0 == strcmp (grants[g].kind, "wbs");
      }
    json_t *u = json_pack ("{s:s, s:o, s:b, s:b, s:b, s:b, s:b}", "user",
                           rows[i].username, "roles", roles, "disabled",
                           rows[i].disabled, "totp", rows[i].has_totp,
                           "has_identity", has_id, "has_wbs", has_wbs,
                           "self", rows[i].id == r->session->user_id);
    json_object_set_new (u, "can_identity", json_boolean (
                           (rows[i].roles & key_kind_roles (KEY_IDENTITY))
                           && ! has_id && session_unit_key (r->session,
                                                            KEY_IDENTITY)));
    json_object_set_new (u, "can_wbs", json_boolean (
                           (rows[i].roles & key_kind_roles (KEY_WBS))
                           && ! has_wbs && session_unit_key (r->session,
                                                             KEY_WBS)));
    json_array_append_new (users, u);
  }
  free (rows);
  free (grants);
  json_object_set_new (ctx, "users", users);
  json_t *all_roles = json_array ();
  for (unsigned int b = 1; b <= ROLE_PIMPINAN; b <<= 1)
    if (b != ROLE_CUSTODIAN)       /* the recovery key's holder names them */
      json_array_append_new (all_roles, json_pack ("{s:s, s:s}", "name",
                                                   role_name (b), "label",
                                                   role_label (b)));
  json_object_set_new (ctx, "custodian_note", json_string (
                         custodian_refused));
  json_object_set_new (ctx, "all_roles", all_roles);
  if (error)
    json_object_set_new (ctx, "error", json_string (error));
  if (notice)
    json_object_set_new (ctx, "notice", json_string (notice));
  return http_reply_html (r, status, "staff-users.html", ctx);
}

enum hres
h_staff_users (struct req *r)
{
  const char *done = http_query (r, "selesai");
  const char *notice = NULL;
  if (done && done[0] >= '0' && done[0] <= '6' && done[1] == '\0')
    notice = op_done_text[done[0] - '0'];
  return users_page (r, 200, NULL, notice);
}

enum hres
h_staff_user_add (struct req *r)
{
  struct op_state *s = op_new (OP_ADD);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  const char *u = urlenc_get (&r->form, "user");
  const char *p = urlenc_get (&r->form, "password");
  snprintf (s->user, sizeof s->user, "%s", u ? u : "");
  if (p && *p)
    s->password = secret_dup (p);
  for (size_t i = 0; i < r->form.n; i++)
    if (0 == strcmp (r->form.pairs[i].key, "role"))
    {
      unsigned int bit = role_from_name (r->form.pairs[i].value);
      if (0 == bit)
        fail_with (s, ERR_VALIDATION, "roles", "Peran tidak dikenal.");
      s->roles |= bit;
    }
  if (0 == s->roles && s->err == ERR__COUNT)
    fail_with (s, ERR_VALIDATION, "roles", "Pilih paling sedikit satu peran.");
  if (p)
    vault_wipe ((char *) p, strlen (p));
  return op_start (r, s);
}

enum hres
h_staff_user_action (struct req *r)
{
  static const struct { const char *name; enum op op; int kind; } acts[] = {
    { "disable", OP_DISABLE, -1 }, { "enable", OP_ENABLE, -1 },
    { "reset", OP_RESET, -1 },
    { "grant_identity", OP_GRANT, KEY_IDENTITY },
    { "grant_wbs", OP_GRANT, KEY_WBS },
    { "revoke_identity", OP_REVOKE, KEY_IDENTITY },
    { "revoke_wbs", OP_REVOKE, KEY_WBS },
  };
  const char *action = urlenc_get (&r->form, "action");
  for (size_t i = 0; action && i < sizeof acts / sizeof acts[0]; i++)
    if (0 == strcmp (action, acts[i].name))
    {
      struct op_state *s = op_new (acts[i].op);
      if (NULL == s)
        return http_reply_error (r, ERR_INTERNAL, NULL);
      s->kind = acts[i].kind;
      snprintf (s->user, sizeof s->user, "%s", http_param (r, 0));
      if (acts[i].op == OP_RESET)
      {
        const char *p = urlenc_get (&r->form, "password");
        if (p && *p)
        {
          s->password = secret_dup (p);
          vault_wipe ((char *) p, strlen (p));
        }
      }
      return op_start (r, s);
    }
  return users_page (r, 400, "Tindakan tidak dikenal.", NULL);
}

enum hres
h_staff_password_page (struct req *r)
{
  return http_reply_html (r, 200, "staff-password.html",
                          h_staff_ctx (r, "Ganti kata sandi"));
}

enum hres
h_staff_password_post (struct req *r)
{
  struct op_state *s = op_new (OP_PASSWORD);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  snprintf (s->user, sizeof s->user, "%s", r->session->username);
  const char *o = urlenc_get (&r->form, "old_password");
  const char *p = urlenc_get (&r->form, "password");
  const char *p2 = urlenc_get (&r->form, "password2");
  if (o && *o)
    s->old_password = secret_dup (o);
  if (p && *p)
    s->password = secret_dup (p);
  if (! p || ! p2 || 0 != strcmp (p, p2))
    fail_with (s, ERR_VALIDATION, "password2",
               "Kata sandi baru dan ulangannya tidak sama.");
  if (o)
    vault_wipe ((char *) o, strlen (o));
  if (p)
    vault_wipe ((char *) p, strlen (p));
  if (p2)
    vault_wipe ((char *) p2, strlen (p2));
  return op_start (r, s);
}
