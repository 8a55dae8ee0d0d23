/* fuzz_events.c: libFuzzer harness for the JSON-lines event reader (Sources/CEvents).
 *
 * Properties, for any input: the reader never crashes, leaks or reads out of bounds; it returns
 * a known status; on success the signal passes the core's validation with its payload in place
 * and within the buffer; on failure the message is a non-empty, terminated string. Any
 * violation aborts. */
#include "ttlc_events.h"

#include <stdlib.h>
#include <string.h>

static uint8_t payload[BITACTOR_PAYLOAD_MAX];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bitactor_signal s;
    struct ttlc_event_error err;
    /* A short buffer half the time, so that the payload bound is reached too. */
    const uint32_t cap = size % 2 ? sizeof payload : 16;
    const int st = ttlc_event_parse((const char *)data, size, &s, payload, cap, &err);
    if (st < 0 || st >= TTLC_EVENT_STATUS_COUNT)
        abort();
    if (st == TTLC_EVENT_OK) {
        if (s.payload_len > cap || s.payload_off != 0)
            abort();
        struct bitactor_arena a;
        bitactor_arena_init(&a, payload, cap);
        a.used = s.payload_len;
        if (bitactor_validate(&s, &a, NULL) != BITACTOR_OK)
            abort();
    } else if (err.status != st || memchr(err.message, 0, sizeof err.message) == NULL ||
               err.message[0] == 0 || memchr(err.field, 0, sizeof err.field) == NULL) {
        abort();
    }
    return 0;
}
