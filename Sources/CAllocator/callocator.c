#include "callocator.h"

/* Any C library header defines __GLIBC__ under glibc (through features.h). */
#include <limits.h>

#if defined(__GLIBC__)
#include <malloc.h>

int ttlc_allocator_tune(unsigned long trim_threshold, unsigned long top_pad, unsigned long mmap_threshold)
{
    /* mallopt takes an int; values beyond it are refused here, not wrapped. */
    if (trim_threshold > INT_MAX || top_pad > INT_MAX || mmap_threshold > INT_MAX)
        return 0;
    int taken = mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
    taken &= mallopt(M_TOP_PAD, (int)top_pad);
    taken &= mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
    return taken;
}
#else
int ttlc_allocator_tune(unsigned long trim_threshold, unsigned long top_pad, unsigned long mmap_threshold)
{
    (void)trim_threshold;
    (void)top_pad;
    (void)mmap_threshold;
    return 0;
}
#endif
