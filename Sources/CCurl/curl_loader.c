#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

// The soname first (Linux), then the development symlink and macOS names.
static const char *const library_names[] = {"libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"};

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd[], unsigned int, int, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
    CURLMcode (*multi_cleanup)(CURLM *);
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_error = "libcurl was not loaded";

#define RESOLVE(field, symbol)                                              \
    do {                                                                    \
        *(void **)(&api.field) = dlsym(handle, symbol);                     \
        if (api.field == NULL) {                                            \
            load_error = "libcurl lacks " symbol " (libcurl 7.68 or newer is needed)"; \
            return;                                                         \
        }                                                                   \
    } while (0)

static void load(void) {
    void *handle = NULL;
    // PREFLIGHT_LIBCURL names the library to use instead (a path or a soname).
    const char *chosen = getenv("PREFLIGHT_LIBCURL");
    if (chosen != NULL && chosen[0] != '\0') {
        handle = dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
        if (handle == NULL) {
            load_error = "the libcurl named by PREFLIGHT_LIBCURL could not be loaded";
            return;
        }
    }
    for (size_t i = 0; i < sizeof(library_names) / sizeof(library_names[0]) && handle == NULL; i++) {
        handle = dlopen(library_names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        load_error = "libcurl (libcurl.so.4) could not be loaded: install libcurl4 (Debian: apt-get install libcurl4)";
        return;
    }
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    RESOLVE(multi_init, "curl_multi_init");
    RESOLVE(multi_setopt, "curl_multi_setopt");
    RESOLVE(multi_add_handle, "curl_multi_add_handle");
    RESOLVE(multi_remove_handle, "curl_multi_remove_handle");
    RESOLVE(multi_perform, "curl_multi_perform");
    RESOLVE(multi_info_read, "curl_multi_info_read");
    RESOLVE(multi_poll, "curl_multi_poll");
    RESOLVE(multi_wakeup, "curl_multi_wakeup");
    RESOLVE(multi_cleanup, "curl_multi_cleanup");
    if (api.global_init(CURL_GLOBAL_ALL) != CURLE_OK) {
        load_error = "curl_global_init failed";
        return;
    }
    load_error = NULL;
}

const char *pf_curl_load(void) {
    pthread_once(&load_once, load);
    return load_error;
}

// Everything below is reached only after pf_curl_load() returned NULL (the driver and every
// transfer are created after it), so the pointers are set.
CURL *pf_easy_init(void) { return api.easy_init(); }
void pf_easy_cleanup(CURL *h) { api.easy_cleanup(h); }
const char *pf_easy_strerror(CURLcode code) { return api.easy_strerror(code); }
CURLcode pf_easy_setopt_long(CURL *h, CURLoption o, long v) { return api.easy_setopt(h, o, v); }
CURLcode pf_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return api.easy_setopt(h, o, v); }
CURLcode pf_easy_setopt_str(CURL *h, CURLoption o, const char *v) { return api.easy_setopt(h, o, v); }
CURLcode pf_easy_setopt_ptr(CURL *h, CURLoption o, void *v) { return api.easy_setopt(h, o, v); }
CURLcode pf_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return api.easy_setopt(h, o, v); }
CURLcode pf_easy_setopt_write(CURL *h, CURLoption o, pf_write_cb v) { return api.easy_setopt(h, o, v); }
CURLcode pf_easy_setopt_xferinfo(CURL *h, pf_xferinfo_cb v) { return api.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v); }
CURLcode pf_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return api.easy_getinfo(h, i, v); }
CURLcode pf_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return api.easy_getinfo(h, i, v); }
CURLcode pf_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return api.easy_getinfo(h, i, v); }
CURLcode pf_easy_getinfo_str(CURL *h, CURLINFO i, char **v) { return api.easy_getinfo(h, i, v); }

struct curl_slist *pf_slist_append(struct curl_slist *list, const char *value) { return api.slist_append(list, value); }
void pf_slist_free_all(struct curl_slist *list) { api.slist_free_all(list); }

CURLM *pf_multi_init(void) { return api.multi_init(); }
CURLMcode pf_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return api.multi_setopt(m, o, v); }
CURLMcode pf_multi_add_handle(CURLM *m, CURL *h) { return api.multi_add_handle(m, h); }
CURLMcode pf_multi_remove_handle(CURLM *m, CURL *h) { return api.multi_remove_handle(m, h); }
CURLMcode pf_multi_perform(CURLM *m, int *running) { return api.multi_perform(m, running); }
CURLMsg *pf_multi_info_read(CURLM *m, int *queued) { return api.multi_info_read(m, queued); }
CURLMcode pf_multi_poll(CURLM *m, struct curl_waitfd extra[], unsigned int count, int timeout_ms, int *ret) {
    return api.multi_poll(m, extra, count, timeout_ms, ret);
}
CURLMcode pf_multi_wakeup(CURLM *m) { return api.multi_wakeup(m); }
CURLMcode pf_multi_cleanup(CURLM *m) { return api.multi_cleanup(m); }
