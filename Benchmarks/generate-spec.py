#!/usr/bin/env python3
"""Writes a valid spec with N services (and their namespaces, network policy, nodes and peers)
for the build benchmark. Deterministic. Usage: generate-spec.py N OUT_DIR"""
import os
import sys

HEADER = "@prefix tc: <https://w3id.org/ttlc#> .\n@prefix : <https://example.org/bench#> .\n\n"

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    per_ns = 25
    namespaces = (n + per_ns - 1) // per_ns
    with open(os.path.join(out, "system.ttl"), "w") as f:
        f.write(HEADER)
        f.write(':bench a tc:System ; tc:repository "https://git.example.org/bench/fleet.git" ; tc:branch "main" ;\n'
                '    tc:path "./clusters/c1" ; tc:interval "1m" ; tc:birdImage "ghcr.io/bench/bird:2.15.1" .\n')
        f.write(':c1 a tc:Cluster ; tc:region "eu" ; tc:node :n1 .\n')
        f.write(':v4 a tc:AnycastPrefix ; tc:prefix "203.0.113.0/24" ; tc:healthCheck [ tc:url "http://203.0.113.1/healthz" ; tc:withdrawAfter 3 ] .\n')
        f.write(':n1 a tc:Node ; tc:routerId "192.0.2.1" ; tc:asn 64500 ; tc:announces :v4 ; tc:peer :t1 .\n')
        f.write(':t1 a tc:Peer ; tc:peerType tc:Transit ; tc:neighbor "198.51.100.1" ; tc:remoteAsn 64496 ; tc:maxPrefixes 1000 ;\n'
                '    tc:password [ tc:secretName "bgp-t1" ; tc:key "password" ] .\n')
        for k in range(namespaces):
            f.write(f':ns{k} a tc:Namespace ; tc:quota [ tc:cpu "{per_ns * 4}" ; tc:memory "{per_ns * 4}Gi" ; tc:pods {per_ns * 10} ] ;\n'
                    f'    tc:defaultLimits [ tc:cpu "500m" ; tc:memory "512Mi" ] .\n')
    with open(os.path.join(out, "services.ttl"), "w") as f:
        f.write(HEADER)
        for i in range(n):
            ns = i // per_ns
            owner = ("tc:replicas 2" if i % 3 == 0 else
                     "tc:scaling [ tc:min 2 ; tc:max 4 ; tc:targetCpu 70 ]" if i % 3 == 1 else
                     "tc:replicas 3")
            dep = f" ;\n    tc:dependsOn :svc{i - 1}" if i % per_ns else ""
            f.write(f':svc{i} a tc:Service ; tc:namespace :ns{ns} ; tc:image "ghcr.io/bench/app{i}:1.{i % 10}.0" ;\n'
                    f'    tc:port [ tc:name "http" ; tc:number 8080 ] , [ tc:name "metrics" ; tc:number 9100 ] ;\n'
                    f'    tc:cpu "250m" ; tc:cpuLimit "500m" ; tc:memory "256Mi" ; tc:memoryLimit "512Mi" ;\n'
                    f'    tc:env [ tc:name "LOG_LEVEL" ; tc:value "info" ] ;\n'
                    f'    tc:readiness [ tc:path "/ready" ; tc:portName "http" ] ;\n'
                    f'    tc:expose tc:ClusterIP ; tc:disruptionBudget [ tc:maxUnavailable 1 ] ;\n'
                    f'    {owner}{dep} .\n')

if __name__ == "__main__":
    main()
