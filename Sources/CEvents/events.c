/* events.c: the JSON-lines event reader (see ttlc_events.h and README "Events"). */
#include "ttlc_events.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {NULL, "packet", "http_request", "dns_query",
                                         "tls_handshake", "bgp_update"};

const char *ttlc_kind_name(unsigned kind)
{
    return kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : NULL;
}

static const struct {
    const char *name;
    uint8_t number;
} protocols[] = {{"icmp", 1}, {"tcp", 6}, {"udp", 17}, {"icmpv6", 58}, {"sctp", 132}};

static int fail(struct ttlc_event_error *err, int status, const char *field, const char *message)
{
    if (err != NULL) {
        err->status = status;
        /* A field name longer than the buffer (an unknown one) ends in "..." to show it was cut. */
        if (snprintf(err->field, sizeof err->field, "%s", field) >= (int)sizeof err->field)
            memcpy(err->field + sizeof err->field - 4, "...", 4);
        snprintf(err->message, sizeof err->message, "%s", message);
    }
    return status;
}

/* An integer field in [lo, hi], or a name from names[] when names is not NULL. */
static int int_field(json_t *obj, const char *field, int required, long long lo, long long hi,
                     long long *out, struct ttlc_event_error *err)
{
    json_t *v = json_object_get(obj, field);
    if (v == NULL) {
        if (required)
            return fail(err, TTLC_EVENT_MISSING, field, "missing");
        return TTLC_EVENT_OK;
    }
    if (!json_is_integer(v))
        return fail(err, TTLC_EVENT_TYPE, field, "not an integer");
    const json_int_t x = json_integer_value(v);
    if (x < lo || x > hi) {
        char m[96];
        snprintf(m, sizeof m, "%lld is outside %lld..%lld", (long long)x, lo, hi);
        return fail(err, TTLC_EVENT_RANGE, field, m);
    }
    *out = x;
    return TTLC_EVENT_OK;
}

static int address(json_t *obj, const char *field, uint8_t out[16], int *family,
                   struct ttlc_event_error *err)
{
    json_t *v = json_object_get(obj, field);
    if (v == NULL)
        return fail(err, TTLC_EVENT_MISSING, field, "missing");
    if (!json_is_string(v))
        return fail(err, TTLC_EVENT_TYPE, field, "not a string");
    const char *text = json_string_value(v);
    if (strlen(text) != json_string_length(v))
        return fail(err, TTLC_EVENT_RANGE, field, "not an IPv4 or IPv6 address");
    memset(out, 0, 16);
    if (inet_pton(AF_INET, text, out) == 1) {
        *family = BITACTOR_AF_INET;
        return TTLC_EVENT_OK;
    }
    if (inet_pton(AF_INET6, text, out) == 1) {
        *family = BITACTOR_AF_INET6;
        return TTLC_EVENT_OK;
    }
    return fail(err, TTLC_EVENT_RANGE, field, "not an IPv4 or IPv6 address");
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int payload_field(json_t *obj, struct bitactor_signal *s, uint8_t *payload, uint32_t cap,
                         struct ttlc_event_error *err)
{
    json_t *text = json_object_get(obj, "payload"), *hex = json_object_get(obj, "payload_hex");
    if (text != NULL && hex != NULL)
        return fail(err, TTLC_EVENT_RANGE, "payload_hex", "give payload or payload_hex, not both");
    const uint32_t max = cap < BITACTOR_PAYLOAD_MAX ? cap : BITACTOR_PAYLOAD_MAX;
    char m[96];
    if (text != NULL) {
        if (!json_is_string(text))
            return fail(err, TTLC_EVENT_TYPE, "payload", "not a string");
        const size_t n = json_string_length(text);
        if (n > max) {
            snprintf(m, sizeof m, "%zu bytes; at most %u", n, max);
            return fail(err, TTLC_EVENT_RANGE, "payload", m);
        }
        memcpy(payload, json_string_value(text), n);
        s->payload_len = (uint16_t)n;
    } else if (hex != NULL) {
        if (!json_is_string(hex))
            return fail(err, TTLC_EVENT_TYPE, "payload_hex", "not a string");
        const size_t n = json_string_length(hex);
        const char *h = json_string_value(hex);
        if (n % 2 != 0)
            return fail(err, TTLC_EVENT_RANGE, "payload_hex", "an odd number of hex digits");
        if (n / 2 > max) {
            snprintf(m, sizeof m, "%zu bytes; at most %u", n / 2, max);
            return fail(err, TTLC_EVENT_RANGE, "payload_hex", m);
        }
        for (size_t i = 0; i < n / 2; i++) {
            const int hi = hex_digit(h[2 * i]), lo = hex_digit(h[2 * i + 1]);
            if (hi < 0 || lo < 0)
                return fail(err, TTLC_EVENT_RANGE, "payload_hex", "not a hex digit");
            payload[i] = (uint8_t)(hi << 4 | lo);
        }
        s->payload_len = (uint16_t)(n / 2);
    }
    return TTLC_EVENT_OK;
}

static const char *const known_fields[] = {"kind", "src", "dst", "proto", "sport", "dport",
                                           "ts", "key", "payload", "payload_hex"};

/* Whether bytes[0..len) is the word `name`, whole: strings may hold NUL (JSON_ALLOW_NUL, for
 * payloads), and strcmp would take "tcp\u0000x" for "tcp". */
static int is_word(const char *bytes, size_t len, const char *name)
{
    return len == strlen(name) && memcmp(bytes, name, len) == 0;
}

static int string_is(json_t *value, const char *name)
{
    return is_word(json_string_value(value), json_string_length(value), name);
}

static int parse_object(json_t *obj, struct bitactor_signal *s, uint8_t *payload, uint32_t cap,
                        struct ttlc_event_error *err)
{
    const char *name;
    size_t name_len;
    json_t *value;
    json_object_keylen_foreach(obj, name, name_len, value)
    {
        int known = 0;
        for (size_t i = 0; i < sizeof known_fields / sizeof known_fields[0]; i++)
            known |= is_word(name, name_len, known_fields[i]);
        if (!known)
            return fail(err, TTLC_EVENT_UNKNOWN_FIELD, name, "not a field of an event");
    }
    bitactor_signal_init(s, 0);
    int st;
    /* kind: a name or 1..255 */
    json_t *kind = json_object_get(obj, "kind");
    if (kind == NULL)
        return fail(err, TTLC_EVENT_MISSING, "kind", "missing");
    if (json_is_string(kind)) {
        for (unsigned k = 1; k < sizeof kind_names / sizeof kind_names[0]; k++)
            if (string_is(kind, kind_names[k]))
                s->kind = (uint16_t)k;
        if (s->kind == 0)
            return fail(err, TTLC_EVENT_RANGE, "kind", "not a signal kind name");
    } else {
        long long k = 0;
        if ((st = int_field(obj, "kind", 1, 1, BITACTOR_KIND_MAX, &k, err)) != TTLC_EVENT_OK)
            return st;
        s->kind = (uint16_t)k;
    }
    int fs = 0, fd = 0;
    if ((st = address(obj, "src", s->src, &fs, err)) != TTLC_EVENT_OK ||
        (st = address(obj, "dst", s->dst, &fd, err)) != TTLC_EVENT_OK)
        return st;
    if (fs != fd)
        return fail(err, TTLC_EVENT_RANGE, "dst", "src and dst are of different address families");
    s->family = (uint8_t)fs;
    json_t *proto = json_object_get(obj, "proto");
    if (proto != NULL && json_is_string(proto)) {
        int found = 0;
        for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++)
            if (string_is(proto, protocols[i].name)) {
                s->proto = protocols[i].number;
                found = 1;
            }
        if (!found)
            return fail(err, TTLC_EVENT_RANGE, "proto", "not a protocol name (tcp, udp, icmp, icmpv6, sctp)");
    } else {
        long long p = 0;
        if ((st = int_field(obj, "proto", 0, 0, 255, &p, err)) != TTLC_EVENT_OK)
            return st;
        s->proto = (uint8_t)p;
    }
    long long sport = 0, dport = 0, ts = 0, key = 0;
    if ((st = int_field(obj, "sport", 0, 0, 65535, &sport, err)) != TTLC_EVENT_OK ||
        (st = int_field(obj, "dport", 0, 0, 65535, &dport, err)) != TTLC_EVENT_OK ||
        (st = int_field(obj, "ts", 0, 0, LLONG_MAX, &ts, err)) != TTLC_EVENT_OK ||
        (st = int_field(obj, "key", 0, 0, LLONG_MAX, &key, err)) != TTLC_EVENT_OK)
        return st;
    s->src_port = (uint16_t)sport;
    s->dst_port = (uint16_t)dport;
    s->timestamp = (uint64_t)ts;
    s->key = (uint64_t)key;
    if ((st = payload_field(obj, s, payload, cap, err)) != TTLC_EVENT_OK)
        return st;
    /* The core's own rules last: ports on a protocol without them, and so on. */
    const int v = bitactor_validate(s, NULL, NULL);
    if (v != BITACTOR_OK && v != BITACTOR_E_BOUNDS)
        return fail(err, TTLC_EVENT_RANGE, v == BITACTOR_E_PORT ? (sport != 0 ? "sport" : "dport") : "kind", bitactor_strerror(v));
    return TTLC_EVENT_OK;
}

int ttlc_event_parse(const char *line, size_t len, struct bitactor_signal *s, uint8_t *payload,
                     uint32_t payload_cap, struct ttlc_event_error *err)
{
    if (err != NULL)
        memset(err, 0, sizeof *err);
    /* A raw NUL byte is never JSON (inside a string it must be written \u0000), but jansson's
     * lexer skips one after a number or a literal: {"kind":1<NUL>,...} was read as valid. */
    const char *nul = memchr(line, 0, len);
    if (nul != NULL) {
        char m[80];
        snprintf(m, sizeof m, "not JSON: a NUL byte at column %zu", (size_t)(nul - line) + 1);
        return fail(err, TTLC_EVENT_NOT_JSON, "", m);
    }
    json_error_t jerr;
    /* REJECT_DUPLICATES: {"src":a,"src":b} is ambiguous; ALLOW_NUL: payloads may hold NULs. */
    /* DECODE_ANY: a scalar is JSON, just not an event (not_object, below). */
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY, &jerr);
    if (root == NULL && json_error_code(&jerr) == json_error_numeric_overflow) {
        char m[120];
        snprintf(m, sizeof m, "a number past 64 bits at column %d", jerr.column);
        return fail(err, TTLC_EVENT_RANGE, "", m);
    }
    if (root == NULL) {
        char m[120];
        snprintf(m, sizeof m, "not JSON: %.80s at column %d", jerr.text, jerr.column);
        return fail(err, TTLC_EVENT_NOT_JSON, "", m);
    }
    int st;
    if (!json_is_object(root))
        st = fail(err, TTLC_EVENT_NOT_OBJECT, "", "not a JSON object");
    else
        st = parse_object(root, s, payload, payload_cap, err);
    json_decref(root);
    return st;
}
