/* fuzz_wire.c: libFuzzer harness for the wire decoder.
 *
 * Properties, for any input: the decoder never crashes or reads out of bounds; it counts
 * exactly one outcome; a rejected input leaves the arena untouched; an accepted input
 * validates, and re-encodes to exactly the input bytes. Any violation aborts. */
#include "bitactor.h"

#include <stdlib.h>
#include <string.h>

static uint8_t arena_mem[2 * BITACTOR_PAYLOAD_MAX];
static uint8_t again[BITACTOR_WIRE_HEADER + BITACTOR_PAYLOAD_MAX];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bitactor_arena a;
    /* A small arena half the time, so that NOSPACE is reached too. */
    bitactor_arena_init(&a, arena_mem, size % 2 ? sizeof arena_mem : 100);
    struct bitactor_counters c;
    bitactor_counters_reset(&c);
    struct bitactor_signal s;
    const int st = bitactor_wire_decode(data, size, &s, &a, &c);
    if (c.accepted + bitactor_counters_rejected(&c) != 1)
        abort();
    if (st != BITACTOR_OK) {
        if (a.used != 0 || c.rejected[st] != 1)
            abort();
        return 0;
    }
    if (bitactor_validate(&s, &a, NULL) != BITACTOR_OK || a.used != s.payload_len)
        abort();
    size_t n = 0;
    if (bitactor_wire_encode(&s, &a, again, sizeof again, &n) != BITACTOR_OK || n != size ||
        memcmp(again, data, size) != 0)
        abort();
    return 0;
}
