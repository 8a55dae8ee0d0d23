/* ttlc_events.h: one JSON-lines event (README "Events") into a BitActor signal, through
 * libjansson. Shared by `ttlc run`, the rules.c differential test and the fuzz harness, so all
 * three read events the same way. Not part of the core: jansson allocates. */
#ifndef TTLC_EVENTS_H
#define TTLC_EVENTS_H

#include "bitactor.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Signal kinds of the spec's tc:SignalKind values (the rule table uses the same numbers). */
#define TTLC_KIND_PACKET 1u
#define TTLC_KIND_HTTP_REQUEST 2u
#define TTLC_KIND_DNS_QUERY 3u
#define TTLC_KIND_TLS_HANDSHAKE 4u
#define TTLC_KIND_BGP_UPDATE 5u

enum ttlc_event_status {
    TTLC_EVENT_OK = 0,
    TTLC_EVENT_NOT_JSON = 1,      /* not one JSON value */
    TTLC_EVENT_NOT_OBJECT = 2,    /* JSON, but not an object */
    TTLC_EVENT_MISSING = 3,       /* a required field is absent */
    TTLC_EVENT_TYPE = 4,          /* a field has the wrong JSON type */
    TTLC_EVENT_RANGE = 5,         /* a value out of range, or a name/address that is not one */
    TTLC_EVENT_UNKNOWN_FIELD = 6, /* a field the format does not have (a typo, usually) */
    TTLC_EVENT_STATUS_COUNT = 7
};

struct ttlc_event_error {
    int status;
    char field[24];    /* the offending field; empty for NOT_JSON / NOT_OBJECT */
    char message[120]; /* English, one line */
};

/* Parses line[0..len) (no newline needed). On success fills *s (validated header fields, payload
 * copied to payload[0..s->payload_len), s->payload_off = 0) and returns TTLC_EVENT_OK; else
 * returns the status and describes it in *err. Never reads past line + len. */
int ttlc_event_parse(const char *line, size_t len, struct bitactor_signal *s, uint8_t *payload,
                     uint32_t payload_cap, struct ttlc_event_error *err);

/* "packet", "http_request", ...; NULL for a kind without a name. */
const char *ttlc_kind_name(unsigned kind);

#ifdef __cplusplus
}
#endif

#endif /* TTLC_EVENTS_H */
