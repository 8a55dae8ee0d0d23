import Ontology

/// The checks within one service that the shapes cannot make, each a rule the API server or the
/// container would apply later (DESIGN.md "Checks"): CPU finer than a millicore (rounded up by the
/// cluster, a false drift on every plan), requests above their limits (a pod template
/// the API server refuses), two ports with one number and protocol or one name (a Service it
/// refuses), and two environment variables or config files with one name (one value silently
/// lost). Each is a located error.
public enum ServiceChecks {
    public static func run(_ model: SystemModel) -> [Diagnostic] {
        // Each service on its own, on every core (in model order).
        ParallelMap.map(model.services, check).flatMap { $0 }
    }

    /// The checks of one service.
    @Sendable static func check(_ service: Service) -> [Diagnostic] {
        let checks: [(Service) -> [Diagnostic]] = [cpuPrecision, requestsWithinLimits, distinctPorts, distinctNames, tcpUses, canaryWeights, scrapeInterval, environmentNUL]
        return checks.flatMap { $0(service) }
    }

    /// Kubernetes keeps CPU in thousandths of a core and rounds a finer value up: `cpu "0.0001"`
    /// would live as 1m, and every plan would find the Deployment changed.
    static func cpuPrecision(_ service: Service) -> [Diagnostic] {
        [service.cpu, service.cpuLimit].compactMap { value in
            guard let cores = Quantity.parse(value.value), cores.isFinite else { return nil }
            let millicores = cores * 1000
            guard abs(millicores - millicores.rounded()) > 1e-6 * max(1, millicores) else { return nil }
            return Diagnostic(
                .buildCPUPrecision, "\(service.name): cpu \(TermNames.shortened(value.value)) is finer than Kubernetes keeps (1m, a thousandth of a core); the cluster would hold \(Int(millicores.rounded(.up)))m",
                at: value.origin.location)
        }
    }

    static func requestsWithinLimits(_ service: Service) -> [Diagnostic] {
        [("cpu", service.cpu, service.cpuLimit), ("memory", service.memory, service.memoryLimit)].compactMap { resource, request, limit in
            guard let asked = Quantity.parse(request.value), let allowed = Quantity.parse(limit.value), asked > allowed else { return nil }
            return Diagnostic(
                .buildRequestAboveLimit, "\(service.name): \(resource) request \(TermNames.shortened(request.value)) is above its limit \(limit.value); Kubernetes refuses the pod",
                at: request.origin.location, notes: [Note("the limit is set here", at: limit.origin.location)])
        }
    }

    static func distinctPorts(_ service: Service) -> [Diagnostic] {
        var byNumber: [String: Port] = [:]
        var byName: [String: Port] = [:]
        var out: [Diagnostic] = []
        for port in service.ports {
            let key = "\(port.number.value)/\(port.portProtocol.value.rawValue)"
            if let first = byNumber[key] {
                out.append(
                    Diagnostic(
                        .buildDuplicatePort, "\(service.name): ports \(first.name.value) and \(port.name.value) are both \(key); a Service holds each number and protocol once",
                        at: port.number.origin.location, notes: [Note("\(first.name.value) is set here", at: first.number.origin.location)]))
            } else {
                byNumber[key] = port
            }
            if let first = byName[port.name.value] {
                out.append(
                    Diagnostic(
                        .buildDuplicatePort, "\(service.name): two ports are named \(port.name.value)", at: port.name.origin.location,
                        notes: [Note("the first is named here", at: first.name.origin.location)]))
            } else {
                byName[port.name.value] = port
            }
        }
        return out
    }

    static func distinctNames(_ service: Service) -> [Diagnostic] {
        func repeated(_ names: [Located<String>], _ what: String) -> [Diagnostic] {
            var first: [String: Located<String>] = [:]
            return names.compactMap { name in
                guard let earlier = first[name.value] else {
                    first[name.value] = name
                    return nil
                }
                return Diagnostic(
                    .buildDuplicateName, "\(service.name): two \(what) are named \(name.value); only one value would reach the container",
                    at: name.origin.location, notes: [Note("the first is named here", at: earlier.origin.location)])
            }
        }
        return repeated(service.env.map(\.name), "environment variables") + repeated(service.config.map(\.name), "config files")
    }
}

extension ServiceChecks {
    /// What only a TCP port can do: answer a probe (an HTTP GET, or a TCP connect without a
    /// path: on a UDP port it is refused for ever and the container restarts for ever), serve
    /// Prometheus's scrape, and serve the service's host names and canary (an Ingress backend).
    static func tcpUses(_ service: Service) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func udpOnly(_ name: Located<String>, _ use: String) {
            let named = service.ports.filter { $0.name.value == name.value }
            guard !named.isEmpty, named.allSatisfy({ $0.portProtocol.value != .tcp }) else { return }
            out.append(
                Diagnostic(.buildTCPPort, "\(service.name): \(use) port \(name.value) is not a TCP port; \(use == "the metrics" ? "Prometheus scrapes over HTTP" : "a probe connects over TCP")", at: name.origin.location))
        }
        for probe in [service.readiness, service.liveness].compactMap({ $0 }) { udpOnly(probe.portName, "the probe's") }
        if let metrics = service.metrics { udpOnly(metrics.portName, "the metrics") }
        if let canary = service.canary, service.webPort == nil {
            out.append(Diagnostic(.buildTCPPort, "\(service.name): its canary needs a TCP port to route: name one http", at: canary.origin.location))
        }
        if let host = service.hosts.first, service.webPort == nil {
            out.append(
                Diagnostic(
                    .buildTCPPort, "\(service.name): no port serves its host names: name a TCP port http (or give it a TCP port other than its metrics port)",
                    at: host.origin.location))
        }
        return out
    }
}

extension ServiceChecks {
    /// Flagger adds stepWeight to the canary's share while it is under maxWeight and caps only
    /// at 100: a step above the maximum, or a maximum that is no multiple of the step, sends the
    /// canary more traffic than maxWeight says (step 20, max 50: 60 %).
    static func canaryWeights(_ service: Service) -> [Diagnostic] {
        guard let canary = service.canary, canary.stepWeight.value > 0 else { return [] }
        let step = canary.stepWeight.value, most = canary.maxWeight.value
        guard step > most || most % step != 0 else { return [] }
        let reached = ((most + step - 1) / step) * step
        return [
            Diagnostic(
                .buildCanaryWeights, "\(service.name): a canary stepping by \(step) toward \(most) would take \(min(reached, 100)) % of traffic before promotion; make maxWeight a multiple of stepWeight",
                at: canary.maxWeight.origin.location, notes: [Note("the step is set here", at: canary.stepWeight.origin.location)])
        ]
    }
}

extension ServiceChecks {
    /// A rate over a window needs two scrapes in it: Flagger's metric checks take the rate over
    /// the canary's interval (fewer than two samples: "no values found", a failed check, and every
    /// canary rolled back), and the alert rules over 5m (a scrape every 5m or more: never firing).
    static func scrapeInterval(_ service: Service) -> [Diagnostic] {
        guard let interval = service.metrics?.interval, case .milliseconds(let scrape) = SpecDuration.parse(interval.value), scrape > 0 else { return [] }
        var out: [Diagnostic] = []
        if let canary = service.canary, case .milliseconds(let step) = SpecDuration.parse(canary.interval.value), step < 2 * scrape {
            out.append(
                Diagnostic(
                    .buildScrapeInterval, "\(service.name): the canary's interval \(canary.interval.value) holds fewer than two scrapes every \(interval.value): Flagger would find no values and roll every canary back",
                    at: canary.interval.origin.location, notes: [Note("the scrape interval is set here", at: interval.origin.location)]))
        }
        if let alerts = service.alerts, 2 * scrape > 5 * 60_000 {
            out.append(
                Diagnostic(
                    .buildScrapeInterval, "\(service.name): its alerts take rates over 5m, which hold fewer than two scrapes every \(interval.value): they would never fire",
                    at: interval.origin.location, notes: [Note("the alerts are set here", at: alerts.origin.location)]))
        }
        return out
    }

    /// An environment variable cannot carry NUL: execve ends the value there and the runtime
    /// refuses to start the container.
    static func environmentNUL(_ service: Service) -> [Diagnostic] {
        service.env.compactMap { variable in
            guard let value = variable.value, value.value.utf8.contains(0) else { return nil }
            return Diagnostic(
                .buildEnvironmentNUL, "\(service.name): environment variable \(variable.name.value) holds NUL, which no process environment can carry; the container would not start",
                at: value.origin.location)
        }
    }
}

extension MessageID {
    public static let buildScrapeInterval: MessageID = "build.scrapeInterval"
    public static let buildEnvironmentNUL: MessageID = "build.environmentNUL"
    public static let buildCanaryWeights: MessageID = "build.canaryWeights"
    public static let buildTCPPort: MessageID = "build.tcpPort"
    public static let buildRequestAboveLimit: MessageID = "build.requestAboveLimit"
    public static let buildCPUPrecision: MessageID = "build.cpuPrecision"
    public static let buildDuplicatePort: MessageID = "build.duplicatePort"
    public static let buildDuplicateName: MessageID = "build.duplicateName"
}
