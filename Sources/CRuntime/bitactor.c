/* bitactor.c: version, status names and counters. */
#include "bitactor.h"

#include <string.h>

int bitactor_version(void) { return BITACTOR_VERSION; }

const char *bitactor_strerror(int status)
{
    static const char *const names[BITACTOR_STATUS_COUNT] = {
        [BITACTOR_OK] = "ok",
        [BITACTOR_E_KIND] = "bad kind",
        [BITACTOR_E_FLAGS] = "bad flags",
        [BITACTOR_E_FAMILY] = "bad address family",
        [BITACTOR_E_ADDR] = "bad address",
        [BITACTOR_E_PORT] = "ports on a protocol without ports",
        [BITACTOR_E_LENGTH] = "bad length",
        [BITACTOR_E_BOUNDS] = "payload outside the arena",
        [BITACTOR_E_OFFSET] = "wire payload offset not zero",
        [BITACTOR_E_TRUNCATED] = "truncated",
        [BITACTOR_E_NOSPACE] = "no space",
        [BITACTOR_E_FULL] = "ring full",
        [BITACTOR_E_EMPTY] = "ring empty",
        [BITACTOR_E_INVAL] = "invalid argument",
        [BITACTOR_E_CHAIN] = "telemetry chain broken",
        [BITACTOR_E_CRYPTO] = "libsodium failure",
    };
    if (status < 0 || status >= (int)BITACTOR_STATUS_COUNT)
        return "unknown status";
    return names[status];
}

void bitactor_counters_reset(struct bitactor_counters *c) { memset(c, 0, sizeof *c); }

uint64_t bitactor_counters_rejected(const struct bitactor_counters *c)
{
    uint64_t sum = 0;
    for (unsigned i = 1; i < BITACTOR_STATUS_COUNT; i++)
        sum += c->rejected[i];
    return sum;
}
