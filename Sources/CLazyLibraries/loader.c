/* loader.c: opening a library and looking its functions up, for the files that define a
 * library's functions in its place (libgit2.c). */
#define _POSIX_C_SOURCE 200809L /* dlopen */
#include "loader.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int ttlc_open_library(const char *soname, const char *const names[], void *const slots[], size_t n,
                      char *why, size_t why_size)
{
    void *library = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) {
        const char *error = dlerror();
        snprintf(why, why_size, "cannot load %s: %s", soname, error != NULL ? error : "dlopen failed");
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        void *found = dlsym(library, names[i]);
        if (found == NULL) {
            snprintf(why, why_size, "cannot load %s: it has no %s", soname, names[i]);
            return 0;
        }
        /* dlsym gives an object pointer; ISO C converts it to a function pointer only through
         * memory. */
        memcpy(slots[i], &found, sizeof found);
    }
    return 1;
}
