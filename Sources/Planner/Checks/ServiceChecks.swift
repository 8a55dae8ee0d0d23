import Ontology

/// The checks within one service that the shapes cannot make, each a rule the API server or the
/// container would apply later (DESIGN.md "Checks"): requests above their limits (a pod template
/// the API server refuses), two ports with one number and protocol or one name (a Service it
/// refuses), and two environment variables or config files with one name (one value silently
/// lost). Each is a located error.
public enum ServiceChecks {
    public static func run(_ model: SystemModel) -> [Diagnostic] {
        model.services.flatMap { service in
            requestsWithinLimits(service) + distinctPorts(service) + distinctNames(service)
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

extension MessageID {
    public static let buildRequestAboveLimit: MessageID = "build.requestAboveLimit"
    public static let buildDuplicatePort: MessageID = "build.duplicatePort"
    public static let buildDuplicateName: MessageID = "build.duplicateName"
}
