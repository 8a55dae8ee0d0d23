"""Writes N JSON-lines events for `ttlc run` (README "Events"): random IPv4/IPv6 addresses,
HTTP requests with 64-byte payloads (1% carrying one of the spec's patterns), packets, DNS."""
import json
import random
import sys

random.seed(7)
n = int(sys.argv[1])
attacks = ["UNION SELECT", "' OR 1=1", "xp_cmdshell", "POST /login "]
alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 /=&?.-"
out = sys.stdout
for i in range(n):
    v6 = random.random() < 0.5
    if v6:
        src = ":".join("%x" % random.getrandbits(16) for _ in range(8))
        dst = ":".join("%x" % random.getrandbits(16) for _ in range(8))
    else:
        src = ".".join(str(random.getrandbits(8)) for _ in range(4))
        dst = ".".join(str(random.getrandbits(8)) for _ in range(4))
    kind = random.choice(["http_request", "http_request", "packet", "dns_query"])
    payload = "".join(random.choice(alphabet) for _ in range(64))
    if random.random() < 0.01:
        a = random.choice(attacks)
        at = random.randrange(0, 64 - len(a))
        payload = payload[:at] + a + payload[at + len(a):]
    event = {"kind": kind, "src": src, "dst": dst, "proto": "tcp" if kind == "http_request" else "udp",
             "sport": random.randrange(1024, 65536), "dport": 443 if kind == "http_request" else 53,
             "ts": i * 1000, "payload": payload}
    out.write(json.dumps(event, separators=(",", ":")) + "\n")
