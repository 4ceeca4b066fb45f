/* OpenSSL's libcrypto, reached through a table of its functions.
 *
 * The binary does not link libcrypto: the table is filled with dlopen("libcrypto.so.3") the first
 * time something is hashed or a signature checked (recording in or checking the register, sealing
 * or verifying files), so the wizard's first screen, `fill` and the register's lists never load it. Each pointer's type
 * is taken from OpenSSL's own declaration (`__typeof__`), so every call is checked against the
 * installed header, and the pointers are non-null once the table is loaded. Calling an OpenSSL
 * function directly would not link: that is the point. Debian's libssl-dev provides the headers,
 * libssl3 the library (libpq5 loads the same one). */
#ifndef DMF_LIBCRYPTO_TABLE_H
#define DMF_LIBCRYPTO_TABLE_H

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

/* X(field, symbol) for every function used; all are in OpenSSL 3.0. */
#define DMF_LIBCRYPTO_FUNCTIONS(X)                                                                 \
    X(mdFetch, EVP_MD_fetch)                                                                       \
    X(digest, EVP_Digest)                                                                          \
    X(mdContextNew, EVP_MD_CTX_new)                                                                \
    X(mdContextFree, EVP_MD_CTX_free)                                                              \
    X(mdContextCopy, EVP_MD_CTX_copy_ex)                                                           \
    X(digestInit, EVP_DigestInit_ex)                                                               \
    X(digestUpdate, EVP_DigestUpdate)                                                              \
    X(digestFinal, EVP_DigestFinal_ex)                                                             \
    X(digestVerifyInit, EVP_DigestVerifyInit)                                                      \
    X(digestVerify, EVP_DigestVerify)                                                              \
    X(keyNewRawPublic, EVP_PKEY_new_raw_public_key)                                                \
    X(keyFree, EVP_PKEY_free)                                                                      \
    X(keyContextNewFromName, EVP_PKEY_CTX_new_from_name)                                           \
    X(keyContextFree, EVP_PKEY_CTX_free)                                                           \
    X(keyFromDataInit, EVP_PKEY_fromdata_init)                                                     \
    X(keyFromData, EVP_PKEY_fromdata)                                                              \
    X(paramBuilderNew, OSSL_PARAM_BLD_new)                                                         \
    X(paramBuilderFree, OSSL_PARAM_BLD_free)                                                       \
    X(paramBuilderPushNumber, OSSL_PARAM_BLD_push_BN)                                              \
    X(paramBuilderPushText, OSSL_PARAM_BLD_push_utf8_string)                                       \
    X(paramBuilderPushBytes, OSSL_PARAM_BLD_push_octet_string)                                     \
    X(paramBuilderToParams, OSSL_PARAM_BLD_to_param)                                               \
    X(paramsFree, OSSL_PARAM_free)                                                                 \
    X(numberFromBytes, BN_bin2bn)                                                                  \
    X(numberFree, BN_free)                                                                         \
    X(ecdsaSignatureNew, ECDSA_SIG_new)                                                            \
    X(ecdsaSignatureFree, ECDSA_SIG_free)                                                          \
    X(ecdsaSignatureSet, ECDSA_SIG_set0)                                                           \
    X(ecdsaSignatureToDER, i2d_ECDSA_SIG)                                                          \
    X(errorsClear, ERR_clear_error)

struct dmf_libcrypto {
#define DMF_LIBCRYPTO_FIELD(field, symbol) __typeof__(symbol) *_Nonnull field;
    DMF_LIBCRYPTO_FUNCTIONS(DMF_LIBCRYPTO_FIELD)
#undef DMF_LIBCRYPTO_FIELD
    /* The digests, fetched once: OpenSSL 3 would otherwise look each one up again on every
     * use, which costs more than hashing a register event. */
    const EVP_MD *_Nonnull sha256;
    const EVP_MD *_Nonnull sha384;
    const EVP_MD *_Nonnull sha512;
};

enum dmf_libcrypto_state {
    DMF_LIBCRYPTO_LOADED = 0,
    /* libcrypto.so.3 is not on the system. */
    DMF_LIBCRYPTO_NOT_INSTALLED = 1,
    /* It is, but lacks a function; `missing` names it. */
    DMF_LIBCRYPTO_INCOMPLETE = 2,
    /* It is, but its configuration offers no such digest (`missing` names it). */
    DMF_LIBCRYPTO_NO_DIGEST = 3,
};

/* Loads libcrypto once, whichever thread asks first (pthread_once); later calls return at once.
 * On success `*table` is the filled table; otherwise `*missing` names what is absent. */
enum dmf_libcrypto_state dmf_libcrypto_load(const struct dmf_libcrypto *_Nullable *_Nonnull table,
                                            const char *_Nullable *_Nonnull missing);

/* Public keys from their parts, through the table (OSSL_PARAM_BLD and EVP_PKEY_fromdata). Here
 * rather than in Swift because OpenSSL keeps the parameter names and values by pointer until the
 * key is made. NULL when OpenSSL refuses the parts (a point not on the curve); the caller frees
 * the key with the table's keyFree. */

/* An EC key on `group` ("prime256v1", "secp384r1") from its SEC 1 encoded point. */
EVP_PKEY *_Nullable dmf_libcrypto_ec_public_key(const struct dmf_libcrypto *_Nonnull library,
                                                const char *_Nonnull group,
                                                const unsigned char *_Nonnull point, size_t size);

/* An RSA key from its modulus and public exponent, unsigned big-endian. */
EVP_PKEY *_Nullable dmf_libcrypto_rsa_public_key(const struct dmf_libcrypto *_Nonnull library,
                                                 const unsigned char *_Nonnull modulus,
                                                 size_t modulus_size,
                                                 const unsigned char *_Nonnull exponent,
                                                 size_t exponent_size);

#endif
