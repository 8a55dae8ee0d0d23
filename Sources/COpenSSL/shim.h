/* OpenSSL's libcrypto, for SHA-256: it uses the CPU's SHA extensions where present, several
 * times faster than libsodium's portable code on the inventory's thousands of files. Its
 * declarations only: CLazyLibraries defines the functions ttlc calls and loads the library on
 * first use. */
#include <openssl/evp.h>
