/* libcrypto_functions.h: the libcrypto functions ttlc calls (Digest.swift), in the form of
 * libgit2_functions.h: CRYPTO_CALL(return type, name, (parameters), (arguments), what it returns
 * when libcrypto cannot be loaded). libcrypto.c defines each; the compiler checks every line
 * against OpenSSL's declaration. */
CRYPTO_CALL(EVP_MD *, EVP_MD_fetch, (OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties), (ctx, algorithm, properties), NULL)
CRYPTO_CALL(int, EVP_Digest, (const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type, ENGINE *impl), (data, count, md, size, type, impl), 0)
