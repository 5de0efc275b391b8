#ifndef PREFLIGHT_CCURL_H
#define PREFLIGHT_CCURL_H

// libcurl is loaded with dlopen on the first transfer, not linked: with its TLS, HTTP/2, LDAP,
// Kerberos and SSH dependencies it costs ~5 ms of dynamic loading per process, which a run
// answered from the cache (a warm `exists`) never needs. curl.h supplies only types and
// constants here; every call goes through the pf_* functions below.
//
// curl_easy_setopt / curl_multi_setopt / curl_easy_getinfo are also variadic, which Swift
// cannot call: the typed pf_* setters are the only way in.
#include <curl/curl.h>

/// Loads libcurl and calls curl_global_init once per process. Returns NULL when libcurl is
/// usable, otherwise a static message saying why not (library missing, symbol missing, init failed).
const char *pf_curl_load(void);

CURL *pf_easy_init(void);
void pf_easy_cleanup(CURL *h);
const char *pf_easy_strerror(CURLcode code);
CURLcode pf_easy_setopt_long(CURL *h, CURLoption o, long v);
CURLcode pf_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v);
CURLcode pf_easy_setopt_str(CURL *h, CURLoption o, const char *v);
CURLcode pf_easy_setopt_ptr(CURL *h, CURLoption o, void *v);
CURLcode pf_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);
typedef size_t (*pf_write_cb)(char *, size_t, size_t, void *);
typedef int (*pf_xferinfo_cb)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
CURLcode pf_easy_setopt_write(CURL *h, CURLoption o, pf_write_cb v);
CURLcode pf_easy_setopt_xferinfo(CURL *h, pf_xferinfo_cb v);
CURLcode pf_easy_getinfo_long(CURL *h, CURLINFO i, long *v);
CURLcode pf_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v);
CURLcode pf_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v);
CURLcode pf_easy_getinfo_str(CURL *h, CURLINFO i, char **v);

struct curl_slist *pf_slist_append(struct curl_slist *list, const char *value);
void pf_slist_free_all(struct curl_slist *list);

CURLM *pf_multi_init(void);
CURLMcode pf_multi_setopt_long(CURLM *m, CURLMoption o, long v);
CURLMcode pf_multi_add_handle(CURLM *m, CURL *h);
CURLMcode pf_multi_remove_handle(CURLM *m, CURL *h);
CURLMcode pf_multi_perform(CURLM *m, int *running);
CURLMsg *pf_multi_info_read(CURLM *m, int *queued);
CURLMcode pf_multi_poll(CURLM *m, struct curl_waitfd extra[], unsigned int count, int timeout_ms, int *ret);
CURLMcode pf_multi_wakeup(CURLM *m);
CURLMcode pf_multi_cleanup(CURLM *m);

#endif
