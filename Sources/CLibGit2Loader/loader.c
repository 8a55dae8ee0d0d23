/* loader.c: the libgit2 functions of functions.h, each loading libgit2 on first use
 * (CLibGit2Loader.h says why). */
#define _POSIX_C_SOURCE 200809L /* dlopen, pthread_once */
#include "CLibGit2Loader.h"

#include <dlfcn.h>
#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The version the headers declare: another ABI would not match these declarations. (A test
 * names a library that is not there, to see every function fail cleanly.) */
#ifndef TTLC_LIBGIT2_SONAME
#define TTLC_LIBGIT2_SONAME "libgit2.so." LIBGIT2_SOVERSION
#endif

/* The real functions, found in the library by name. */
static struct {
#define GIT_CALL(ret, name, params, args, fail) __typeof__(&name) name;
#define GIT_VOID(name, params, args) __typeof__(&name) name;
#include "functions.h"
#undef GIT_CALL
#undef GIT_VOID
    __typeof__(&git_error_last) git_error_last;
} real;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded; /* written once, inside pthread_once, which orders it before every read */
static char why[512];
static git_error load_error = {why, GIT_ERROR_OS};

/* Looks name up into *slot (a function pointer, as dlsym's object pointer: ISO C converts
 * between the two only through memory). 0 when the library lacks it. */
static int find(void *library, const char *name, void *slot)
{
    void *found = dlsym(library, name);
    if (found == NULL) {
        snprintf(why, sizeof why, "cannot load libgit2: %s has no %s", TTLC_LIBGIT2_SONAME, name);
        return 0;
    }
    memcpy(slot, &found, sizeof found);
    return 1;
}

static void load(void)
{
    void *library = dlopen(TTLC_LIBGIT2_SONAME, RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) {
        const char *error = dlerror();
        snprintf(why, sizeof why, "cannot load libgit2: %s", error != NULL ? error : "dlopen failed");
        return;
    }
    int all = 1;
#define GIT_CALL(ret, name, params, args, fail) all = all && find(library, #name, &real.name);
#define GIT_VOID(name, params, args) all = all && find(library, #name, &real.name);
#include "functions.h"
#undef GIT_CALL
#undef GIT_VOID
    all = all && find(library, "git_error_last", &real.git_error_last);
    loaded = all;
}

int ttlc_git_available(void)
{
    pthread_once(&once, load);
    return loaded;
}

/* The definitions ttlc links against in place of libgit2's. */
#define GIT_CALL(ret, name, params, args, fail) \
    ret name params { return ttlc_git_available() ? real.name args : fail; }
#define GIT_VOID(name, params, args) \
    void name params { if (ttlc_git_available()) real.name args; }
#include "functions.h"
#undef GIT_CALL
#undef GIT_VOID

const git_error *git_error_last(void)
{
    return ttlc_git_available() ? real.git_error_last() : &load_error;
}
