#!/usr/bin/env python3
"""Writes a spec-like Turtle file of about SIZE megabytes: services, ports as blank nodes,
nodes, peers with secret references, literals of each datatype. Deterministic (seeded)."""
import random
import sys

def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate-turtle.py SIZE_MB OUT")
    target = int(float(sys.argv[1]) * 1024 * 1024)
    rng = random.Random(42)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("@prefix tc: <https://w3id.org/ttlc#> .\n@prefix : <https://example.org/bench#> .\n"
                  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n")
        i = 0
        while out.tell() < target:
            kind = i % 3
            if kind == 0:
                out.write(f':svc-{i} a tc:Service ;\n    tc:namespace :ns-{i % 17} ;\n'
                          f'    tc:image "ghcr.io/bench/app-{i}:{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}" ;\n'
                          f'    tc:port [ tc:name "http" ; tc:number {rng.randint(1024, 65535)} ] , [ tc:name "metrics" ; tc:number 9090 ] ;\n'
                          f'    tc:cpu "{rng.randint(1, 8)}" ; tc:memory "{rng.randint(1, 64)}Gi" ;\n'
                          f'    tc:dependsOn :svc-{max(0, i - 3)} ;  # calls an older service\n'
                          f'    tc:host "svc-{i}.edge.example" .\n\n')
            elif kind == 1:
                out.write(f':node-{i} a tc:Node ; tc:routerId "192.0.2.{i % 250}" ; tc:asn {64496 + i % 16} ;\n'
                          f'    tc:announces :anycast-v4 , :anycast-v6 ; tc:peer :peer-{i} .\n\n')
            else:
                out.write(f':peer-{i} a tc:Peer ; tc:peerType tc:Transit ; tc:neighbor "198.51.100.{i % 250}" ;\n'
                          f'    tc:remoteAsn {64496 + i % 16} ; tc:maxPrefixes {rng.randint(100, 1000000)} ; tc:bfd true ;\n'
                          f'    tc:weight {rng.random():.4f} ; tc:label "peer {i} \\"quoted\\""@en ;\n'
                          f'    tc:password [ tc:secretName "bgp-peer-{i}" ; tc:key "password" ] .\n\n')
            i += 1

if __name__ == "__main__":
    main()
