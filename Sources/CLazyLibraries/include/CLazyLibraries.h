/* CLazyLibraries: shared libraries that ttlc loads when a command first calls them, not at every
 * start. libgit2 (Debian's libgit2-dev, declared by the CLibGit2 system-library target) loads the
 * fifteen libraries it links (Kerberos, GSSAPI, mbed TLS, libssh2, PCRE2, ...): about 4 ms of
 * every start here, while only plan, apply, history and rollback use git. This target defines
 * the functions ttlc calls (libgit2_functions.h); the first call opens the library and looks them
 * all up. Swift imports CLibGit2 as before, for the declarations. (loader.c is written for any
 * library: OpenSSL's libcrypto was loaded this way too until SHA-256 came from swift-crypto.) */
#ifndef CLAZY_LIBRARIES_H
#define CLAZY_LIBRARIES_H

/* 1 when libgit2 is loaded (loading it if it was not); 0 when it cannot be: git_error_last()
 * then says why. */
int ttlc_git_available(void);

#endif
