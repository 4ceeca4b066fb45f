#include "libcrypto_table.h"

#include <dlfcn.h>
#include <pthread.h>

static struct dmf_libcrypto table;
static enum dmf_libcrypto_state state;
static const char *missing_name;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    /* RTLD_LOCAL: libcrypto's symbols stay out of the global namespace, so nothing else in the
     * process binds to them by accident. libpq, when it is loaded, gets this same copy. */
    void *library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        state = DMF_LIBCRYPTO_NOT_INSTALLED;
        return;
    }
#define DMF_LIBCRYPTO_LOAD(field, symbol)                                                          \
    {                                                                                              \
        void *found = dlsym(library, #symbol);                                                     \
        if (found == NULL) {                                                                       \
            missing_name = #symbol;                                                                \
            state = DMF_LIBCRYPTO_INCOMPLETE;                                                      \
            dlclose(library);                                                                      \
            return;                                                                                \
        }                                                                                          \
        table.field = (__typeof__(symbol) *)found;                                                 \
    }
    DMF_LIBCRYPTO_FUNCTIONS(DMF_LIBCRYPTO_LOAD)
#undef DMF_LIBCRYPTO_LOAD
    /* Kept for the life of the process, as the library is. */
#define DMF_LIBCRYPTO_FETCH(field, name)                                                           \
    {                                                                                              \
        EVP_MD *fetched = table.mdFetch(NULL, name, NULL);                                         \
        if (fetched == NULL) {                                                                     \
            table.errorsClear();                                                                   \
            missing_name = name;                                                                   \
            state = DMF_LIBCRYPTO_NO_DIGEST;                                                       \
            return;                                                                                \
        }                                                                                          \
        table.field = fetched;                                                                     \
    }
    DMF_LIBCRYPTO_FETCH(sha256, "SHA256")
    DMF_LIBCRYPTO_FETCH(sha384, "SHA384")
    DMF_LIBCRYPTO_FETCH(sha512, "SHA512")
#undef DMF_LIBCRYPTO_FETCH
    state = DMF_LIBCRYPTO_LOADED;
}

enum dmf_libcrypto_state dmf_libcrypto_load(const struct dmf_libcrypto **table_out, const char **missing) {
    pthread_once(&once, load);
    *table_out = state == DMF_LIBCRYPTO_LOADED ? &table : NULL;
    *missing = missing_name;
    return state;
}
