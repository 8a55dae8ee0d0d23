/* CLibGit2Loader: libgit2 (Debian's libgit2-dev, wrapped by the CLibGit2 system-library target)
 * loaded when a command first calls it, not when ttlc starts. Loading libgit2 loads the fifteen
 * libraries it links (Kerberos, GSSAPI, mbed TLS, libssh2, PCRE2, ...): about 4 ms of every start
 * here, while only plan, apply, history and rollback use git. This target defines the libgit2
 * functions ttlc calls (functions.h); the first call opens the library and looks them all up.
 * Swift imports CLibGit2 as before, for the declarations. */
#ifndef CLIBGIT2_LOADER_H
#define CLIBGIT2_LOADER_H

/* 1 when libgit2 is loaded (loading it if it was not); 0 when it cannot be, and
 * git_error_last() then says why. */
int ttlc_git_available(void);

#endif
