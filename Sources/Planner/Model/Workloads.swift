/// The workload half of the model: namespaces and services with their parts.
public struct Namespace: Sendable {
    public var name: String
    public var origin: Origin
    public var quota: Quota
    public var defaultLimits: Limits?
}

public struct Quota: Sendable {
    public var cpu: Located<String>
    public var memory: Located<String>
    public var storage: Located<String>?
    public var pods: Located<Int>?
}

public struct Limits: Sendable {
    public var cpu: Located<String>
    public var memory: Located<String>
}

public enum Exposure: String, Sendable {
    case clusterIP = "ClusterIP"
    case loadBalancer = "LoadBalancer"
}

public enum PortProtocol: String, Sendable {
    case tcp = "TCP"
    case udp = "UDP"
    case icmp = "ICMP"
}

public struct Port: Sendable {
    public var name: Located<String>
    public var number: Located<Int>
    public var portProtocol: Located<PortProtocol>
}

public struct SecretRef: Sendable, Hashable {
    public var secretName: Located<String>
    public var key: Located<String>
}

public struct EnvVar: Sendable {
    public var name: Located<String>
    public var value: Located<String>?
    public var secret: SecretRef?
}

public struct ConfigEntry: Sendable {
    public var name: Located<String>
    public var value: Located<String>
}

public struct Probe: Sendable {
    public var portName: Located<String>
    /// An HTTP GET when set; a TCP connect otherwise.
    public var path: Located<String>?
    public var period: Located<String>?
    public var initialDelay: Located<String>?
    public var failureThreshold: Located<Int>?
}

public struct DisruptionBudget: Sendable {
    public var minAvailable: Located<Int>?
    public var maxUnavailable: Located<Int>?
}

public struct Scaling: Sendable {
    public var min: Located<Int>
    public var max: Located<Int>
    public var targetCpu: Located<Int>?
    public var targetMemory: Located<Int>?
}

public struct Blueprint: Sendable {
    public var origin: Origin
    public var min: Located<Int>
    public var max: Located<Int>
    public var targetUtilization: Located<Int>
    public var scaleUpThreshold: Located<Int>
    public var scaleDownThreshold: Located<Int>
    public var cpuWeight: Located<Double>
    public var memoryWeight: Located<Double>
    public var latencyWeight: Located<Double>
    public var latencyP95: Located<String>?
    public var stabilizationWindow: Located<String>?
    public var cooldown: Located<String>
    public var circuitBreakerFailures: Located<Int>?
    /// The replica count `ttlc decide` last decided and the state records, when there is one;
    /// the Deployment runs it instead of `min`.
    public var decided: Located<Int>? = nil
}

public struct Canary: Sendable {
    public var origin: Origin
    public var stepWeight: Located<Int>
    public var maxWeight: Located<Int>
    public var interval: Located<String>
    public var threshold: Located<Int>
    public var successRate: Located<Int>
    public var latencyP99: Located<String>?
}

public struct Metrics: Sendable {
    public var portName: Located<String>
    public var path: Located<String>
    public var interval: Located<String>?
}

public struct Alerts: Sendable {
    public var origin: Origin
    public var latencyP99: Located<String>?
    public var latencyFor: Located<String>?
    public var errorRate: Located<Double>?
    public var errorRateFor: Located<String>?
    public var availability: Located<Double>?
    public var availabilityFor: Located<String>?
}

/// Who owns a service's replica count; exactly one, checked before the model is read.
public enum ReplicaOwner: Sendable {
    case fixed(Located<Int>)
    case scaling(Scaling)
    case blueprint(Blueprint)
    /// None given: one replica.
    case unspecified

    /// The most replicas the service may run (for quota sums).
    public var maximum: Int {
        switch self {
        case .fixed(let n): n.value
        case .scaling(let s): s.max.value
        case .blueprint(let b): b.max.value
        case .unspecified: 1
        }
    }

    public var minimum: Int {
        switch self {
        case .fixed(let n): n.value
        case .scaling(let s): s.min.value
        case .blueprint(let b): b.min.value
        case .unspecified: 1
        }
    }
}

/// A service of the spec. Its fields live in one shared box, copied before a write when shared:
/// emitters and checks pass services around by the thousand, and a copy of the fields retained
/// each of their fifty-odd strings, arrays and origins (a tenth of a large build's time on one
/// core); a copy of a Service retains one object. Fields read and write as stored properties.
@dynamicMemberLookup
public struct Service: Sendable {
    public struct Fields: Sendable {
        public var name: String
        public var iri: String
        public var origin: Origin
        public var namespace: Located<String>
        public var image: Located<String>
        public var ports: [Port]
        public var cpu: Located<String>
        public var cpuLimit: Located<String>
        public var memory: Located<String>
        public var memoryLimit: Located<String>
        public var env: [EnvVar]
        public var config: [ConfigEntry]
        public var configPath: Located<String>?
        public var readiness: Probe?
        public var liveness: Probe?
        public var expose: Located<Exposure>
        public var hosts: [Located<String>]
        public var ingressClass: Located<String>?
        public var issuer: Located<String>?
        public var disruptionBudget: DisruptionBudget?
        public var replicas: ReplicaOwner
        public var canary: Canary?
        public var metrics: Metrics?
        public var alerts: Alerts?
        public var dependsOn: [Located<String>]
        public var serviceAccountToken: Located<Bool>?
    }

    @usableFromInline
    final class Box: @unchecked Sendable {
        // Written only through a uniquely referenced box (see the subscript's setter).
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    public init(_ fields: Fields) { box = Box(fields) }

    @inlinable
    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            box.fields[keyPath: field] = newValue
        }
    }

    public func port(named name: String) -> Port? {
        self.ports.first { $0.name.value == name }
    }

    /// The port its host names and canary are served on: the TCP port named `http`, else the
    /// first TCP port that is not its metrics port (the metrics port was chosen when it sorted
    /// first, and served /metrics on the public hosts).
    public var webPort: Port? {
        if let http = port(named: "http"), http.portProtocol.value == .tcp { return http }
        let metrics = self.metrics?.portName.value
        return self.ports.first { $0.portProtocol.value == .tcp && $0.name.value != metrics }
    }
}

/// A service reflects as its fields (`explain` lists a model object's located fields by
/// reflection), not as the box that holds them.
extension Service: CustomReflectable {
    public var customMirror: Mirror { Mirror(reflecting: box.fields) }
}
