/* Client tags for throttling (issue "Hardening", finding 2): one IPv4
   address, or one IPv6 /64, is one client; an IPv4-mapped IPv6 address is
   its IPv4 address.  And device tokens (device.h). */
#include "device.h"
#include "http.h"
#include "vault.h"
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static uint64_t
tag6 (const char *addr)
{
  struct sockaddr_in6 a = { .sin6_family = AF_INET6 };
  cr_assert_eq (inet_pton (AF_INET6, addr, &a.sin6_addr), 1, "%s", addr);
  return http_addr_tag ((struct sockaddr *) &a);
}

static uint64_t
tag4 (const char *addr)
{
  struct sockaddr_in a = { .sin_family = AF_INET };
  cr_assert_eq (inet_pton (AF_INET, addr, &a.sin_addr), 1, "%s", addr);
  return http_addr_tag ((struct sockaddr *) &a);
}

Test (client_tag, ipv6_per_64_and_ipv4_per_address)
{
  cr_assert (vault_init ());
  /* Rotating inside one /64 stays one client. */
  cr_assert_eq (tag6 ("2001:db8:1:2::1"), tag6 ("2001:db8:1:2:ffff:1:2:3"));
  cr_assert_eq (tag6 ("2001:db8:1:2::1"), tag6 ("2001:db8:1:2:a::b"));
  /* The next /64 is another. */
  cr_assert_neq (tag6 ("2001:db8:1:2::1"), tag6 ("2001:db8:1:3::1"));
  /* IPv4: the whole address. */
  cr_assert_neq (tag4 ("203.0.113.1"), tag4 ("203.0.113.2"));
  cr_assert_eq (tag4 ("203.0.113.1"), tag4 ("203.0.113.1"));
  /* An IPv4-mapped address is its IPv4 address, not the /64 ::ffff:0:0
     that every IPv4 client would share. */
  cr_assert_eq (tag6 ("::ffff:203.0.113.1"), tag4 ("203.0.113.1"));
  cr_assert_neq (tag6 ("::ffff:203.0.113.1"), tag6 ("::ffff:203.0.113.2"));
  cr_assert_neq (tag4 ("203.0.113.1"), 0);
}

Test (client_tag, device_tokens)
{
  cr_assert (vault_init ());
  char t[DEVICE_TOKEN_LEN];
  device_token_make (t, 1000000);
  cr_assert_eq (strlen (t), DEVICE_TOKEN_LEN - 1);
  cr_assert (device_token_valid (t, 1000000));
  cr_assert (device_token_valid (t, 1000000 + DEVICE_MAX_AGE));
  cr_assert_not (device_token_valid (t, 1000000 + DEVICE_MAX_AGE + 1));
  cr_assert_not (device_token_valid (t, 999999), "issued in the future");
  char bad[DEVICE_TOKEN_LEN];
  memcpy (bad, t, sizeof bad);
  bad[20] = bad[20] == 'a' ? 'b' : 'a';
  cr_assert_not (device_token_valid (bad, 1000000), "a forged MAC");
  memcpy (bad, t, sizeof bad);
  bad[15] = bad[15] == '1' ? '2' : '1';
  cr_assert_not (device_token_valid (bad, 1000000 + 5), "a moved date");
  cr_assert_not (device_token_valid ("", 1000000));
  cr_assert_not (device_token_valid (NULL, 1000000));
  cr_assert_not (device_token_valid ("zz", 1000000));
}
