/* validate.c: the rules a signal meets before it enters a ring. */
#include "validate_pvt.h"

int bitactor_validate(const struct bitactor_signal *s, const struct bitactor_arena *a,
                      struct bitactor_counters *c)
{
    int st = ba_check_header(s);
    if (st == BITACTOR_OK && bitactor_payload(s, a) == NULL)
        st = BITACTOR_E_BOUNDS;
    return ba_count(c, st);
}
