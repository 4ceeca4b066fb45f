#include "libpq_table.h"

#include <dlfcn.h>
#include <pthread.h>

static struct dmf_libpq table;
static enum dmf_libpq_state state;
static const char *missing_function;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    /* RTLD_LOCAL: libpq's symbols stay out of the global namespace, so nothing else in the
     * process binds to them (or to the OpenSSL it loads) by accident. */
    void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        state = DMF_LIBPQ_NOT_INSTALLED;
        return;
    }
#define DMF_LIBPQ_LOAD(field, symbol)                                                              \
    {                                                                                              \
        void *found = dlsym(library, #symbol);                                                     \
        if (found == NULL) {                                                                       \
            missing_function = #symbol;                                                            \
            state = DMF_LIBPQ_TOO_OLD;                                                             \
            dlclose(library);                                                                      \
            return;                                                                                \
        }                                                                                          \
        table.field = (__typeof__(symbol) *)found;                                                 \
    }
    DMF_LIBPQ_FUNCTIONS(DMF_LIBPQ_LOAD)
#undef DMF_LIBPQ_LOAD
    state = DMF_LIBPQ_LOADED;
}

enum dmf_libpq_state dmf_libpq_load(const struct dmf_libpq **table_out, const char **missing) {
    pthread_once(&once, load);
    *table_out = state == DMF_LIBPQ_LOADED ? &table : NULL;
    *missing = missing_function;
    return state;
}
