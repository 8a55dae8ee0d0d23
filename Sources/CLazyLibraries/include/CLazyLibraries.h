/* CLazyLibraries: shared libraries that ttlc loads when a command first calls them, not at every
 * start. libgit2 (Debian's libgit2-dev, declared by the CLibGit2 system-library target) loads the
 * fifteen libraries it links (Kerberos, GSSAPI, mbed TLS, libssh2, PCRE2, ...): about 4 ms of
 * every start here, while only plan, apply, history and rollback use git. OpenSSL's libcrypto
 * (COpenSSL), for SHA-256, about 0.9 ms: a build's first digest comes after its checks, and the
 * CLI loads it beforehand on a spare core. This target defines the functions ttlc calls of each
 * (libgit2_functions.h, libcrypto_functions.h); the first call opens the library and looks them
 * all up. Swift imports CLibGit2 and COpenSSL as before, for the declarations. */
#ifndef CLAZY_LIBRARIES_H
#define CLAZY_LIBRARIES_H

/* 1 when the library is loaded (loading it if it was not); 0 when it cannot be. For libgit2,
 * git_error_last() then says why; libcrypto's functions then fail (EVP_MD_fetch gives NULL). */
int ttlc_git_available(void);
int ttlc_crypto_available(void);

#endif
