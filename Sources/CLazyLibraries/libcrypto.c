/* libcrypto.c: the libcrypto functions of libcrypto_functions.h, each loading OpenSSL's libcrypto
 * on first use (CLazyLibraries.h says why). When it cannot be loaded, EVP_MD_fetch gives NULL
 * and Digest.swift hashes with libsodium instead. */
#define _POSIX_C_SOURCE 200809L /* pthread_once */
#include "CLazyLibraries.h"
#include "loader.h"

#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <pthread.h>

#define TTLC_STRING(x) #x
#define TTLC_VALUE_STRING(x) TTLC_STRING(x)
/* The version the headers declare. (A test names a library that is not there.) */
#ifndef TTLC_LIBCRYPTO_SONAME
#define TTLC_LIBCRYPTO_SONAME "libcrypto.so." TTLC_VALUE_STRING(OPENSSL_SHLIB_VERSION)
#endif

static struct {
#define CRYPTO_CALL(ret, name, params, args, fail) __typeof__(&name) name;
#include "libcrypto_functions.h"
#undef CRYPTO_CALL
} real;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded; /* written once, inside pthread_once, which orders it before every read */

static void load(void)
{
    static const char *const names[] = {
#define CRYPTO_CALL(ret, name, params, args, fail) #name,
#include "libcrypto_functions.h"
#undef CRYPTO_CALL
    };
    void *const slots[] = {
#define CRYPTO_CALL(ret, name, params, args, fail) &real.name,
#include "libcrypto_functions.h"
#undef CRYPTO_CALL
    };
    _Static_assert(sizeof names / sizeof names[0] == sizeof slots / sizeof slots[0], "a slot for each name");
    char why[256]; /* nothing reads it: a caller falls back to libsodium */
    loaded = ttlc_open_library(TTLC_LIBCRYPTO_SONAME, names, slots, sizeof names / sizeof names[0], why, sizeof why);
}

int ttlc_crypto_available(void)
{
    pthread_once(&once, load);
    return loaded;
}

#define CRYPTO_CALL(ret, name, params, args, fail) \
    ret name params { return ttlc_crypto_available() ? real.name args : fail; }
#include "libcrypto_functions.h"
#undef CRYPTO_CALL
