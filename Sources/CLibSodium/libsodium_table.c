#include "libsodium_table.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

/* Opens `soname`, fills `table` and initialises the library. */
static enum dmf_libsodium_state open_into(const char *soname, struct dmf_libsodium *table, const char **missing) {
    /* RTLD_LOCAL: libsodium's symbols stay out of the global namespace, so nothing else in the
     * process binds to them by accident. */
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        return DMF_LIBSODIUM_NOT_INSTALLED;
    }
    dmf_sodium_init *init = (dmf_sodium_init *)dlsym(library, "sodium_init");
    dmf_sodium_ed25519_verify *verify =
        (dmf_sodium_ed25519_verify *)dlsym(library, "crypto_sign_ed25519_verify_detached");
    if (init == NULL || verify == NULL) {
        *missing = init == NULL ? "sodium_init" : "crypto_sign_ed25519_verify_detached";
        dlclose(library);
        return DMF_LIBSODIUM_INCOMPLETE;
    }
    /* sodium_init may be called more than once; it returns 1 when it already ran. */
    if (init() < 0) {
        dlclose(library);
        return DMF_LIBSODIUM_INIT_FAILED;
    }
    /* Kept open for the life of the process, as the table's pointer is. */
    table->ed25519Verify = verify;
    return DMF_LIBSODIUM_LOADED;
}

static struct dmf_libsodium table;
static enum dmf_libsodium_state state;
static const char *missing_name;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) { state = open_into("libsodium.so.23", &table, &missing_name); }

enum dmf_libsodium_state dmf_libsodium_load(const struct dmf_libsodium **table_out, const char **missing) {
    pthread_once(&once, load);
    *table_out = state == DMF_LIBSODIUM_LOADED ? &table : NULL;
    *missing = missing_name;
    return state;
}

enum dmf_libsodium_state dmf_libsodium_open(const char *soname, const struct dmf_libsodium **table_out,
                                            const char **missing) {
    *table_out = NULL;
    *missing = NULL;
    struct dmf_libsodium *made = malloc(sizeof *made);
    if (made == NULL) {
        return DMF_LIBSODIUM_NOT_INSTALLED;
    }
    enum dmf_libsodium_state opened = open_into(soname, made, missing);
    if (opened == DMF_LIBSODIUM_LOADED) {
        *table_out = made;
    } else {
        free(made);
    }
    return opened;
}
