#include "libcrypto_table.h"

#include <limits.h>
#include <openssl/core_names.h>

/* Makes a public key of `type` from the parameters on `builder`, then frees the builder. */
static EVP_PKEY *from_builder(const struct dmf_libcrypto *library, const char *type,
                              OSSL_PARAM_BLD *builder) {
    EVP_PKEY *key = NULL;
    OSSL_PARAM *parameters = library->paramBuilderToParams(builder);
    EVP_PKEY_CTX *context = library->keyContextNewFromName(NULL, type, NULL);
    if (parameters == NULL || context == NULL || library->keyFromDataInit(context) != 1 ||
        library->keyFromData(context, &key, EVP_PKEY_PUBLIC_KEY, parameters) != 1) {
        key = NULL;
    }
    library->keyContextFree(context);
    library->paramsFree(parameters);
    library->paramBuilderFree(builder);
    /* A refused key leaves OpenSSL's reasons on this thread's error queue; nothing reads them. */
    if (key == NULL) {
        library->errorsClear();
    }
    return key;
}

EVP_PKEY *dmf_libcrypto_ec_public_key(const struct dmf_libcrypto *library, const char *group,
                                      const unsigned char *point, size_t size) {
    OSSL_PARAM_BLD *builder = library->paramBuilderNew();
    if (builder == NULL) {
        return NULL;
    }
    if (library->paramBuilderPushText(builder, OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
        library->paramBuilderPushBytes(builder, OSSL_PKEY_PARAM_PUB_KEY, point, size) != 1) {
        library->paramBuilderFree(builder);
        library->errorsClear();
        return NULL;
    }
    return from_builder(library, "EC", builder);
}

EVP_PKEY *dmf_libcrypto_rsa_public_key(const struct dmf_libcrypto *library,
                                       const unsigned char *modulus, size_t modulus_size,
                                       const unsigned char *exponent, size_t exponent_size) {
    if (modulus_size > INT_MAX || exponent_size > INT_MAX) {
        return NULL;
    }
    EVP_PKEY *key = NULL;
    OSSL_PARAM_BLD *builder = library->paramBuilderNew();
    BIGNUM *n = library->numberFromBytes(modulus, (int)modulus_size, NULL);
    BIGNUM *e = library->numberFromBytes(exponent, (int)exponent_size, NULL);
    if (builder != NULL && n != NULL && e != NULL &&
        library->paramBuilderPushNumber(builder, OSSL_PKEY_PARAM_RSA_N, n) == 1 &&
        library->paramBuilderPushNumber(builder, OSSL_PKEY_PARAM_RSA_E, e) == 1) {
        /* The builder reads the numbers when it makes the parameters, so they are freed after. */
        key = from_builder(library, "RSA", builder);
    } else {
        library->paramBuilderFree(builder);
        library->errorsClear();
    }
    library->numberFree(n);
    library->numberFree(e);
    return key;
}
