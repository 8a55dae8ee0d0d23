import Ontology

/// The checks that span objects of the model (DESIGN.md "Checks"), run after the shapes have
/// passed: dependency cycles, replica bounds, allows naming ports the target does not expose,
/// one host claimed twice, quotas too small for their namespace, disruption budgets that leave
/// no pod evictable. Each is a located error; any one stops the build before anything is written.
public enum CrossChecks {
    public static func run(_ model: SystemModel) -> [Diagnostic] {
        // The checks across services (each a pass on one core) as one piece of work among the
        // services' checks, so that the core done first takes more services, not a rest (as
        // two sides of `Concurrently.run`, the services' map got one core); the diagnostics in
        // this order.
        let (perService, across) = ParallelMap.map(model.services, beside: { () -> [Diagnostic] in
            var out: [Diagnostic] = []
            out += dependencyCycles(model)
            out += replicaBounds(model)
            out += allowedPorts(model)
            out += hostClaims(model)
            out += quotas(model)
            out += disruptionBudgets(model)
            out += BlueprintChecks.run(model)
            out += RoutingChecks.run(model)
            out += DeliveryChecks.run(model)
            out += RuleChecks.run(model)
            return out
        }, ServiceChecks.check)
        return across + perService.flatMap { $0 }
    }

    /// Depth first over `dependsOn` from each service in model order, reporting each cycle once
    /// (as the set of its services) where its closing edge is found. With an explicit stack, not
    /// recursion: a chain of dependencies as long as the spec's services must not overflow the
    /// thread's stack.
    static func dependencyCycles(_ model: SystemModel) -> [Diagnostic] {
        let dependencies = Dictionary(model.services.map { ($0.name, $0.dependsOn) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        var path: [(name: String, dependsOn: [Located<String>], next: Int)] = []
        var found: [Diagnostic] = []
        var reported: Set<Set<String>> = []
        func enter(_ name: String) {
            state[name] = 1
            path.append((name, dependencies[name] ?? [], 0))
        }
        for service in model.services where state[service.name] == nil {
            enter(service.name)
            while let top = path.indices.last {
                guard path[top].next < path[top].dependsOn.count else {
                    state[path.removeLast().name] = 2
                    continue
                }
                let dependency = path[top].dependsOn[path[top].next]
                path[top].next += 1
                switch state[dependency.value] {
                case 1:
                    let start = path.lastIndex { $0.name == dependency.value } ?? 0
                    let cycle = path[start...].map(\.name) + [dependency.value]
                    if reported.insert(Set(cycle)).inserted {
                        found.append(
                            Diagnostic(
                                .buildDependencyCycle, "dependsOn cycle: \(cycle.joined(separator: " → "))", at: dependency.origin.location,
                                notes: [Note("services in a cycle can never start in order; remove one of these dependencies")]))
                    }
                case nil:
                    enter(dependency.value)
                default:
                    break
                }
            }
        }
        return found
    }

    static func replicaBounds(_ model: SystemModel) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for service in model.services {
            let bounds: (Located<Int>, Located<Int>)?
            switch service.replicas {
            case .scaling(let scaling): bounds = (scaling.min, scaling.max)
            case .blueprint(let blueprint): bounds = (blueprint.min, blueprint.max)
            case .fixed(let count):
                if count.value < 0 {
                    out.append(Diagnostic(.buildReplicaBounds, "\(service.name): replicas \(count.value) is negative", at: count.origin.location))
                }
                bounds = nil
            case .unspecified: bounds = nil
            }
            if let (low, high) = bounds {
                if low.value < 1 {
                    out.append(Diagnostic(.buildReplicaBounds, "\(service.name): min \(low.value) replicas; at least 1 must run", at: low.origin.location))
                }
                if low.value > high.value {
                    out.append(
                        Diagnostic(
                            .buildReplicaBounds, "\(service.name): min \(low.value) is above max \(high.value)", at: low.origin.location,
                            notes: [Note("max is set here", at: high.origin.location)]))
                }
            }
        }
        return out
    }

    static func allowedPorts(_ model: SystemModel) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for policy in model.networkPolicies {
            for flow in policy.allows {
                guard let target = flow.to, let service = model.service(named: target.value) else { continue }
                for port in flow.toPorts where service.port(named: port.value) == nil {
                    let exposed = service.ports.map(\.name.value).joined(separator: ", ")
                    out.append(
                        Diagnostic(
                            .buildUnknownPort, "\(service.name) exposes no port named \"\(port.value)\" (it has: \(exposed))", at: port.origin.location,
                            notes: [Note("ports of \(service.name)", at: service.ports.first?.name.origin.location)]))
                }
                // Cilium takes L7 HTTP rules on TCP ports only, and drops the whole policy else.
                if let rule = flow.http.first {
                    let named = Set(flow.toPorts.map(\.value))
                    let ports = named.isEmpty ? service.ports : service.ports.filter { named.contains($0.name.value) }
                    for port in ports where port.portProtocol.value != .tcp {
                        out.append(
                            Diagnostic(
                                .buildUnknownPort,
                                "HTTP rules apply to TCP ports only, and \(service.name)'s port \(port.name.value) is \(port.portProtocol.value.rawValue.uppercased()): Cilium would refuse the whole policy; name only TCP ports in this allow",
                                at: rule.method.origin.location, notes: [Note("the port is declared here", at: port.name.origin.location)]))
                    }
                }
            }
        }
        return out
    }

    static func hostClaims(_ model: SystemModel) -> [Diagnostic] {
        var claims: [String: (owner: String, origin: Origin)] = [:]
        var out: [Diagnostic] = []
        var all: [(String, String, Origin)] = []
        for service in model.services { all += service.hosts.map { ($0.value, "service \(service.name)", $0.origin) } }
        for certificate in model.certificates { all += certificate.dnsNames.map { ($0.value, "certificate \(certificate.name)", $0.origin) } }
        for (host, owner, origin) in all {
            if let first = claims[host] {
                out.append(
                    Diagnostic(
                        .buildHostClaimed, "\(host) is claimed by \(first.owner) and \(owner)", at: origin.location,
                        notes: [Note("first claimed here", at: first.origin.location)]))
            } else {
                claims[host] = (owner, origin)
            }
        }
        return out
    }

    static func quotas(_ model: SystemModel) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Each namespace's services in model order, grouped once by index (not a pass over every
        // service per namespace: specs with many of both made that quadratic; nor copies of them).
        let byNamespace = Dictionary(grouping: model.services.indices, by: { model.services[$0].namespace.value })
        for namespace in model.namespaces {
            let services = (byNamespace[namespace.name] ?? []).lazy.map { model.services[$0] }
            func check(_ quota: Located<String>, _ what: String, _ request: (Service) -> String) {
                guard let limit = Quantity.parse(quota.value) else { return }
                var total = 0.0
                for service in services {
                    guard let each = Quantity.parse(request(service)) else { continue }
                    total += each * Double(service.replicas.maximum)
                }
                if total > limit * (1 + 1e-9) {
                    var parts: [String] = []
                    for service in services where Quantity.parse(request(service)) != nil {
                        parts.append("\(service.name) \(service.replicas.maximum) × \(request(service))")
                    }
                    out.append(
                        Diagnostic(
                            .buildQuotaTooSmall,
                            "namespace \(namespace.name): quota \(what) \(quota.value) is less than its services need at max replicas (\(Quantity.format(total, like: quota.value)))",
                            at: quota.origin.location, notes: [Note(parts.joined(separator: " + "))]))
                }
            }
            check(namespace.quota.cpu, "cpu", { $0.cpu.value })
            check(namespace.quota.memory, "memory", { $0.memory.value })
            if let pods = namespace.quota.pods {
                let total = services.reduce(0) { $0 + $1.replicas.maximum }
                if total > pods.value {
                    out.append(
                        Diagnostic(
                            .buildQuotaTooSmall, "namespace \(namespace.name): quota pods \(pods.value) is less than its services' max replicas (\(total))",
                            at: pods.origin.location))
                }
            }
        }
        return out
    }

    static func disruptionBudgets(_ model: SystemModel) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for service in model.services {
            guard let budget = service.disruptionBudget else { continue }
            let minimum = service.replicas.minimum
            if let available = budget.minAvailable, available.value >= minimum {
                out.append(
                    Diagnostic(
                        .buildDisruptionBudget,
                        "\(service.name): minAvailable \(available.value) with \(minimum) replica\(minimum == 1 ? "" : "s") at minimum leaves no pod evictable (node drains would block)",
                        at: available.origin.location))
            }
            if let unavailable = budget.maxUnavailable, unavailable.value < 1 {
                out.append(
                    Diagnostic(.buildDisruptionBudget, "\(service.name): maxUnavailable \(unavailable.value) leaves no pod evictable", at: unavailable.origin.location))
            }
        }
        return out
    }
}

extension MessageID {
    public static let buildDependencyCycle: MessageID = "build.dependencyCycle"
    public static let buildReplicaBounds: MessageID = "build.replicaBounds"
    public static let buildUnknownPort: MessageID = "build.unknownPort"
    public static let buildHostClaimed: MessageID = "build.hostClaimed"
    public static let buildQuotaTooSmall: MessageID = "build.quotaTooSmall"
    public static let buildDisruptionBudget: MessageID = "build.disruptionBudget"
}

extension MessageID {
    public static let decideMetrics: MessageID = "decide.metrics"
    public static let buildBlueprint: MessageID = "build.blueprint"
}
