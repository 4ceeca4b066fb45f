/* libsodium, reached through a table of the one function used to check signatures.
 *
 * libsodium checks an Ed25519 signature in about half the time libcrypto takes, and a register's
 * check is mostly Ed25519 checks (DECISIONS.md, "Ed25519 signatures checked with libsodium"). It
 * is optional: when it cannot be loaded, libcrypto checks those signatures as before.
 *
 * The binary does not link libsodium: the table is filled with dlopen("libsodium.so.23") the first
 * time an Ed25519 key is made to check signatures, as libcrypto's is filled on first use. No libsodium header is needed to build
 * (Debian's libsodium-dev): the two functions' types below are written out by hand. They are
 * libsodium's stable ABI for soname 23 (every libsodium 1.0.x that Debian ships as libsodium23). */
#ifndef DMF_LIBSODIUM_TABLE_H
#define DMF_LIBSODIUM_TABLE_H

/* int sodium_init(void): 0 once initialised, 1 if it already was, -1 on failure. Called once,
 * before anything else in the library. */
typedef int dmf_sodium_init(void);

/* int crypto_sign_ed25519_verify_detached(sig, m, mlen, pk): 0 when the 64 bytes at `sig` are
 * the 32-byte key `pk`'s signature of the `mlen` bytes at `m`, -1 otherwise (also for a
 * non-canonical or small-order key or R, and for S not below the group order). */
typedef int dmf_sodium_ed25519_verify(const unsigned char *_Nonnull sig, const unsigned char *_Nonnull m,
                                      unsigned long long mlen, const unsigned char *_Nonnull pk);

struct dmf_libsodium {
    dmf_sodium_ed25519_verify *_Nonnull ed25519Verify;
};

enum dmf_libsodium_state {
    DMF_LIBSODIUM_LOADED = 0,
    /* The library cannot be opened (not installed, or not a library this system can load). */
    DMF_LIBSODIUM_NOT_INSTALLED = 1,
    /* It opened, but lacks a function; `missing` names it. */
    DMF_LIBSODIUM_INCOMPLETE = 2,
    /* sodium_init failed. */
    DMF_LIBSODIUM_INIT_FAILED = 3,
};

/* Loads libsodium.so.23 once, whichever thread asks first (pthread_once); later calls return at
 * once. On success `*table` is the filled table, kept for the life of the process; otherwise
 * `*missing` names what is absent when a function is. */
enum dmf_libsodium_state dmf_libsodium_load(const struct dmf_libsodium *_Nullable *_Nonnull table,
                                            const char *_Nullable *_Nonnull missing);

/* The same for the library `soname`, opened afresh on every call: for tests, which try names
 * that are missing or are not libsodium. A table it returns is never freed, nor its library
 * closed, so the pointer stays usable. (No memory for the table counts as not installed.) */
enum dmf_libsodium_state dmf_libsodium_open(const char *_Nonnull soname,
                                            const struct dmf_libsodium *_Nullable *_Nonnull table,
                                            const char *_Nullable *_Nonnull missing);

#endif
