#!/usr/bin/env python3
"""Writes the KCL peer of generate-spec.py: a KCL program that renders, for the same N services,
the Kubernetes objects `ttlc build` emits for the services and their namespaces (Namespace,
ResourceQuota, LimitRange, the two namespace NetworkPolicies; ServiceAccount, Service,
Deployment, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicies, CiliumNetworkPolicy),
field for field, from the services as JSON (data.json beside main.k: KCL decodes JSON in a few
milliseconds where the same data as a KCL literal took it ~90 ms at 100 services to parse).
Benchmarks/kcl-peer.py checks that the two sets of objects are equal before it
times either. Deterministic. Usage: generate-kcl.py N OUT_DIR

The peer is given its input already resolved: each service's dependents (whom to admit) come in
the data beside its dependencies, where ttlc finds them itself (and checks the graph for cycles,
ports, quotas and the rest, which the peer does not do). The comparison favours KCL."""
import json
import os
import sys

PER_NS = 25
BASE = "https://example.org/bench#"

PROGRAM = r'''import file
import json

_data = json.decode(file.read("data.json"))
_namespaces = _data.namespaces
_services = _data.services
_part = "bench"

_labels = lambda name: str -> {str:str} {
    {
        "app.kubernetes.io/managed-by": "ttlc"
        "app.kubernetes.io/name": name
        "app.kubernetes.io/part-of": _part
        "ttlc.io/service": name
    }
}

_meta = lambda s: {str:} -> {str:} {
    {
        annotations: {"ttlc.io/source": "''' + BASE + r'''${s.name}"}
        labels: _labels(s.name)
        name: s.name
        namespace: s.ns
    }
}

_namedMeta = lambda s: {str:}, name: str -> {str:} {
    {
        annotations: {"ttlc.io/source": "''' + BASE + r'''${s.name}"}
        labels: _labels(s.name)
        name: name
        namespace: s.ns
    }
}

_nsMeta = lambda ns: str, name: str -> {str:} {
    {
        annotations: {"ttlc.io/source": "''' + BASE + r'''${ns}"}
        labels: {"app.kubernetes.io/managed-by": "ttlc", "app.kubernetes.io/part-of": _part}
        name: name
        namespace: ns
    }
}

_portRules = lambda s: {str:} -> [{str:}] {
    [{port: p.number, protocol: "TCP"} for p in s.ports]
}

_ciliumPorts = lambda s: {str:} -> [{str:}] {
    [{ports: [{port: str(p.number), protocol: "TCP"} for p in s.ports]}]
}

_byName = lambda name: str -> {str:} {
    {podSelector: {matchLabels: {"ttlc.io/service": name}}}
}

_policy = lambda s: {str:}, direction: str, rules: {str:} -> {str:} {
    {
        apiVersion: "networking.k8s.io/v1"
        kind: "NetworkPolicy"
        metadata: _namedMeta(s, "${s.name}-${direction.lower()}")
        spec: {
            **rules
            podSelector: {matchLabels: {"ttlc.io/service": s.name}}
            policyTypes: [direction]
        }
    }
}

_namespaceObjects = lambda ns: {str:} -> [{str:}] {
    [
        {
            apiVersion: "v1"
            kind: "Namespace"
            metadata: {
                annotations: {"ttlc.io/source": "''' + BASE + r'''${ns.name}"}
                labels: {
                    "app.kubernetes.io/managed-by": "ttlc"
                    "app.kubernetes.io/part-of": _part
                    "kubernetes.io/metadata.name": ns.name
                }
                name: ns.name
            }
            spec: {finalizers: ["kubernetes"]}
        }
        {
            apiVersion: "v1"
            kind: "ResourceQuota"
            metadata: _nsMeta(ns.name, "quota")
            spec: {hard: {pods: ns.pods, "requests.cpu": ns.cpu, "requests.memory": ns.memory}}
        }
        {
            apiVersion: "v1"
            kind: "LimitRange"
            metadata: _nsMeta(ns.name, "default-limits")
            spec: {limits: [{
                default: {cpu: ns.limitCpu, memory: ns.limitMemory}
                defaultRequest: {cpu: ns.limitCpu, memory: ns.limitMemory}
                type: "Container"
            }]}
        }
        {
            apiVersion: "networking.k8s.io/v1"
            kind: "NetworkPolicy"
            metadata: _nsMeta(ns.name, "default-deny")
            spec: {podSelector: {}, policyTypes: ["Ingress", "Egress"]}
        }
        {
            apiVersion: "networking.k8s.io/v1"
            kind: "NetworkPolicy"
            metadata: _nsMeta(ns.name, "allow-dns")
            spec: {
                egress: [{
                    ports: [{port: 53, protocol: "UDP"}, {port: 53, protocol: "TCP"}]
                    to: [{
                        namespaceSelector: {matchLabels: {"kubernetes.io/metadata.name": "kube-system"}}
                        podSelector: {matchLabels: {"k8s-app": "kube-dns"}}
                    }]
                }]
                podSelector: {}
                policyTypes: ["Egress"]
            }
        }
    ]
}

_container = lambda s: {str:} -> {str:} {
    {
        env: [{name: e.name, value: e.value} for e in s.env]
        image: s.image
        imagePullPolicy: "IfNotPresent"
        name: s.name
        ports: [{containerPort: p.number, name: p.name, protocol: "TCP"} for p in s.ports]
        readinessProbe: {
            failureThreshold: 3
            httpGet: {path: s.readiness.path, port: s.readiness.port, scheme: "HTTP"}
            periodSeconds: 10
            successThreshold: 1
            timeoutSeconds: 1
        }
        resources: {
            limits: {cpu: s.cpuLimit, memory: s.memoryLimit}
            requests: {cpu: s.cpu, memory: s.memory}
        }
        securityContext: {
            allowPrivilegeEscalation: False
            capabilities: {drop: ["ALL"]}
            readOnlyRootFilesystem: True
            runAsNonRoot: True
            seccompProfile: {type: "RuntimeDefault"}
        }
        terminationMessagePath: "/dev/termination-log"
        terminationMessagePolicy: "File"
        volumeMounts: [{mountPath: "/tmp", name: "tmp"}]
    }
}

_deployment = lambda s: {str:} -> {str:} {
    {
        apiVersion: "apps/v1"
        kind: "Deployment"
        metadata: _meta(s)
        spec: {
            progressDeadlineSeconds: 600
            if s.replicas > 0:
                replicas: s.replicas
            revisionHistoryLimit: 10
            selector: {matchLabels: {"app.kubernetes.io/name": s.name}}
            strategy: {rollingUpdate: {maxSurge: "25%", maxUnavailable: "25%"}, type: "RollingUpdate"}
            template: {
                metadata: {labels: _labels(s.name)}
                spec: {
                    automountServiceAccountToken: False
                    containers: [_container(s)]
                    dnsPolicy: "ClusterFirst"
                    restartPolicy: "Always"
                    schedulerName: "default-scheduler"
                    securityContext: {runAsNonRoot: True, seccompProfile: {type: "RuntimeDefault"}}
                    serviceAccountName: s.name
                    terminationGracePeriodSeconds: 30
                    volumes: [{emptyDir: {}, name: "tmp"}]
                }
            }
        }
    }
}

_serviceObjects = lambda s: {str:} -> [{str:}] {
    _objects = [
        {
            apiVersion: "v1"
            kind: "ServiceAccount"
            metadata: _meta(s)
            automountServiceAccountToken: False
        }
        {
            apiVersion: "v1"
            kind: "Service"
            metadata: _meta(s)
            spec: {
                internalTrafficPolicy: "Cluster"
                ipFamilyPolicy: "SingleStack"
                ports: [{name: p.name, port: p.number, protocol: "TCP", targetPort: p.name} for p in s.ports]
                selector: {"app.kubernetes.io/name": s.name}
                sessionAffinity: "None"
                type: "ClusterIP"
            }
        }
        _deployment(s)
        {
            apiVersion: "policy/v1"
            kind: "PodDisruptionBudget"
            metadata: _meta(s)
            spec: {maxUnavailable: s.maxUnavailable, selector: {matchLabels: {"ttlc.io/service": s.name}}}
        }
        {
            apiVersion: "cilium.io/v2"
            kind: "CiliumNetworkPolicy"
            metadata: _meta(s)
            spec: {
                if s.dependsOn:
                    egress: [{
                        toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": d.ns, "ttlc.io/service": d.name}}]
                        toPorts: _ciliumPorts(d)
                    } for d in s.dependsOn]
                endpointSelector: {matchLabels: {"ttlc.io/service": s.name}}
                if s.dependents:
                    ingress: [{
                        fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": d.ns, "ttlc.io/service": d.name}}]
                        toPorts: _ciliumPorts(s)
                    } for d in s.dependents]
            }
        }
    ]
    _scaling = [{
        apiVersion: "autoscaling/v2"
        kind: "HorizontalPodAutoscaler"
        metadata: _meta(s)
        spec: {
            maxReplicas: s.scaling.max
            metrics: [{
                resource: {name: "cpu", target: {averageUtilization: s.scaling.targetCpu, type: "Utilization"}}
                type: "Resource"
            }]
            minReplicas: s.scaling.min
            scaleTargetRef: {apiVersion: "apps/v1", kind: "Deployment", name: s.name}
        }
    }] if s.scaling else []
    _ingress = [_policy(s, "Ingress", {
        ingress: [{"from": [_byName(d.name)], ports: _portRules(s)} for d in s.dependents]
    })] if s.dependents else []
    _egress = [_policy(s, "Egress", {
        egress: [{ports: _portRules(d), to: [_byName(d.name)]} for d in s.dependsOn]
    })] if s.dependsOn else []
    _objects + _scaling + _ingress + _egress
}

items = [o for ns in _namespaces for o in _namespaceObjects(ns)] + [o for s in _services for o in _serviceObjects(s)]
'''


def service(i, n):
    """Service i as generate-spec.py writes it, its dependencies and dependents resolved."""
    ports = [{"name": "http", "number": 8080}, {"name": "metrics", "number": 9100}]
    ref = lambda j: {"name": f"svc{j}", "ns": f"ns{j // PER_NS}", "ports": ports}
    return {
        "name": f"svc{i}", "ns": f"ns{i // PER_NS}", "image": f"ghcr.io/bench/app{i}:1.{i % 10}.0", "ports": ports,
        "cpu": "250m", "cpuLimit": "500m", "memory": "256Mi", "memoryLimit": "512Mi",
        "env": [{"name": "LOG_LEVEL", "value": "info"}], "readiness": {"path": "/ready", "port": "http"},
        "maxUnavailable": 1,
        "replicas": 2 if i % 3 == 0 else 3 if i % 3 == 2 else 0,
        "scaling": {"min": 2, "max": 4, "targetCpu": 70} if i % 3 == 1 else None,
        "dependsOn": [ref(i - 1)] if i % PER_NS else [],
        "dependents": [ref(i + 1)] if i + 1 < n and (i + 1) % PER_NS else [],
    }


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    namespaces = [{"name": f"ns{k}", "pods": str(PER_NS * 10), "cpu": str(PER_NS * 4), "memory": f"{PER_NS * 4}Gi",
                   "limitCpu": "500m", "limitMemory": "512Mi"} for k in range((n + PER_NS - 1) // PER_NS)]
    with open(os.path.join(out, "data.json"), "w") as f:
        json.dump({"namespaces": namespaces, "services": [service(i, n) for i in range(n)]}, f)
    with open(os.path.join(out, "main.k"), "w") as f:
        f.write(PROGRAM)


if __name__ == "__main__":
    main()
