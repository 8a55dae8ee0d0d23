/* libgit2.c: the libgit2 functions of libgit2_functions.h, each loading libgit2 on first use
 * (CLazyLibraries.h says why). */
#define _POSIX_C_SOURCE 200809L /* pthread_once */
#include "CLazyLibraries.h"
#include "loader.h"

#include <git2.h>
#include <pthread.h>

/* The version the headers declare: another ABI would not match these declarations. (A test
 * names a library that is not there, to see every function fail cleanly.) */
#ifndef TTLC_LIBGIT2_SONAME
#define TTLC_LIBGIT2_SONAME "libgit2.so." LIBGIT2_SOVERSION
#endif

/* The real functions, found in the library by name. */
static struct {
#define GIT_CALL(ret, name, params, args, fail) __typeof__(&name) name;
#define GIT_VOID(name, params, args) __typeof__(&name) name;
#include "libgit2_functions.h"
#undef GIT_CALL
#undef GIT_VOID
    __typeof__(&git_error_last) git_error_last;
} real;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded; /* written once, inside pthread_once, which orders it before every read */
static char why[512];
static git_error load_error = {why, GIT_ERROR_OS};

static void load(void)
{
    static const char *const names[] = {
#define GIT_CALL(ret, name, params, args, fail) #name,
#define GIT_VOID(name, params, args) #name,
#include "libgit2_functions.h"
#undef GIT_CALL
#undef GIT_VOID
        "git_error_last",
    };
    void *const slots[] = {
#define GIT_CALL(ret, name, params, args, fail) &real.name,
#define GIT_VOID(name, params, args) &real.name,
#include "libgit2_functions.h"
#undef GIT_CALL
#undef GIT_VOID
        &real.git_error_last,
    };
    _Static_assert(sizeof names / sizeof names[0] == sizeof slots / sizeof slots[0], "a slot for each name");
    loaded = ttlc_open_library(TTLC_LIBGIT2_SONAME, names, slots, sizeof names / sizeof names[0], why, sizeof why);
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
#include "libgit2_functions.h"
#undef GIT_CALL
#undef GIT_VOID

const git_error *git_error_last(void)
{
    return ttlc_git_available() ? real.git_error_last() : &load_error;
}
