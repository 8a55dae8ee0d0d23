/* rules_differential.c: evaluates JSON-lines events on the table compiled into an emitted
 * rules.c (ttlc_rules) and prints one verdict line per event in the format of
 * `ttlc run --verdicts`, so the two can be compared byte for byte.
 *
 *   cc ... (the core, CEvents/events.c, OUT/rules/rules.c, this file) -ljansson -lsodium
 *   ./a.out < events.jsonl
 *
 * Single-threaded and in file order: the reference for what `ttlc run` must print. Exit 1 on a
 * rejected event (the golden events are all valid) or an unreadable line. */
#include "bitactor_rules.h"
#include "rules.h"
#include "ttlc_events.h"

#include <stdio.h>
#include <string.h>

static struct bitactor_bucket_set sets[1u << 14];

int main(void)
{
    static char line[65536];
    static uint8_t payload[BITACTOR_PAYLOAD_MAX];
    static uint8_t arena_mem[BITACTOR_PAYLOAD_MAX];
    struct bitactor_rate_table rates;
    if (bitactor_rate_table_init(&rates, sets, 1u << 14) != BITACTOR_OK)
        return 1;
    unsigned long number = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        number++;
        size_t len = strlen(line);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len == 0)
            continue;
        struct bitactor_signal s;
        struct ttlc_event_error err;
        if (ttlc_event_parse(line, len, &s, payload, sizeof payload, &err) != TTLC_EVENT_OK) {
            fprintf(stderr, "line %lu: %s: %s\n", number, err.field, err.message);
            return 1;
        }
        struct bitactor_arena a;
        bitactor_arena_init(&a, arena_mem, sizeof arena_mem);
        uint32_t off = 0;
        bitactor_arena_put(&a, payload, s.payload_len, &off);
        s.payload_off = off;
        struct bitactor_verdict v;
        bitactor_rules_eval(&ttlc_rules, &rates, &s, bitactor_payload(&s, &a), NULL, &v);
        printf("{\"line\": %lu, \"action\": \"%s\", \"rule\": ", number, bitactor_action_name(v.action));
        if (v.rule == BITACTOR_RULE_NONE)
            printf("null");
        else
            printf("\"%s\"", ttlc_rules.rules[v.rule].name);
        printf(", \"logs\": [");
        for (unsigned i = 0; i < v.n_logs && i < BITACTOR_VERDICT_LOGS; i++)
            printf("%s\"%s\"", i ? ", " : "", ttlc_rules.rules[v.logs[i]].name);
        printf("]}\n");
    }
    return 0;
}
