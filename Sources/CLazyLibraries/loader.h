/* loader.h: opening a library and looking its functions up (for libgit2.c). */
#ifndef TTLC_LOADER_H
#define TTLC_LOADER_H

#include <stddef.h>

/* Opens soname and stores the address of each function names[i] into the function pointer
 * *slots[i]. 0, with the reason in why, when the library cannot be opened or lacks one of them
 * (then none is to be used). */
int ttlc_open_library(const char *soname, const char *const names[], void *const slots[], size_t n,
                      char *why, size_t why_size);

#endif
