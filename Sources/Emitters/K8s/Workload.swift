import Planner

/// The service's Deployment (apps/v1): one container, secure by default, in canonical form.
enum Workload {
    /// Where config files are mounted when the spec does not say.
    static let defaultConfigPath = "/etc/config"

    static func resource(_ scope: ServiceScope) -> Resource {
        let service = scope.service
        let spec: [(String, Document?)] = [
            ("replicas", replicas(service.replicas)),
            ("selector", Metadata.selector(service)),
            ("template", .object([("metadata", .object([("labels", scope.labels)])), ("spec", podSpec(scope))])),
            // API server defaults, written out (canonical form).
            ("progressDeadlineSeconds", .int(600)),
            ("revisionHistoryLimit", .int(10)),
            (
                "strategy",
                .object([
                    ("type", .string("RollingUpdate")),
                    ("rollingUpdate", .object([("maxSurge", .string("25%")), ("maxUnavailable", .string("25%"))])),
                ])
            ),
        ]
        return scope.resource(apiVersion: "apps/v1", kind: "Deployment", file: "deployment.yaml", body: [("spec", .object(spec))])
    }

    /// `spec.replicas` has one owner. Fixed: the count. Scaling: none (the HPA owns it, and a
    /// value here would fight it on every sync). Blueprint: what `ttlc decide` last decided
    /// (recorded in the state), else its minimum. Unspecified: 1, what the API server would set.
    static func replicas(_ owner: ReplicaOwner) -> Document? {
        switch owner {
        case .fixed(let count): .int(count)
        case .scaling: nil
        case .blueprint(let blueprint): .int(blueprint.decided ?? blueprint.min)
        case .unspecified: .int(1)
        }
    }

    static func podSpec(_ scope: ServiceScope) -> Document {
        let service = scope.service
        var volumes: [Document] = []
        if ConfigMapObject.hasConfig(service) {
            volumes.append(
                .object([
                    ("name", .string("config")),
                    ("configMap", .object([("name", .string(scope.name(suffix: ConfigMapObject.suffix))), ("defaultMode", .int(420))])),
                ]))
        }
        // The root filesystem is read-only; /tmp is the one writable place.
        volumes.append(.object([("name", .string("tmp")), ("emptyDir", .object([]))]))
        return .object([
            ("automountServiceAccountToken", Access.automountToken(service)),
            ("containers", .list([container(scope)])),
            (
                "securityContext",
                .object([("runAsNonRoot", .bool(true)), ("seccompProfile", .object([("type", .string("RuntimeDefault"))]))])
            ),
            ("serviceAccountName", .string(scope.name)),
            ("volumes", .list(volumes)),
            // API server defaults, written out (canonical form).
            ("dnsPolicy", .string("ClusterFirst")),
            ("restartPolicy", .string("Always")),
            ("schedulerName", .string("default-scheduler")),
            ("terminationGracePeriodSeconds", .int(30)),
        ])
    }

    static func container(_ scope: ServiceScope) -> Document {
        let service = scope.service
        var mounts: [Document] = []
        if ConfigMapObject.hasConfig(service) {
            let path = service.configPath ?? Located(defaultConfigPath, service.origin)
            mounts.append(.object([("name", .string("config")), ("mountPath", .string(path)), ("readOnly", .bool(true))]))
        }
        mounts.append(.object([("name", .string("tmp")), ("mountPath", .string("/tmp"))]))
        let ports: [Document] = service.ports.compactMap { port in
            guard let portProtocol = K8sValue.portProtocol(port.portProtocol) else { return nil }
            return .object([("name", .string(port.name)), ("containerPort", .int(port.number)), ("protocol", portProtocol)])
        }
        return .object([
            ("name", .string(scope.name)),
            ("image", .string(service.image)),
            ("imagePullPolicy", .string(service.image.derived(pullPolicy))),
            ("ports", ports.isEmpty ? nil : .list(ports)),
            ("env", service.env.isEmpty ? nil : .list(service.env.map(environment))),
            ("resources", resources(service)),
            ("readinessProbe", service.readiness.map(probe)),
            ("livenessProbe", service.liveness.map(probe)),
            ("securityContext", containerSecurity),
            ("volumeMounts", .list(mounts)),
            // API server defaults, written out (canonical form).
            ("terminationMessagePath", .string("/dev/termination-log")),
            ("terminationMessagePolicy", .string("File")),
        ])
    }

    /// Non-root, read-only root filesystem, no privilege escalation, no capabilities, the
    /// runtime's default seccomp profile: what the `restricted` Pod Security Standard asks.
    static let containerSecurity = Document.object([
        ("allowPrivilegeEscalation", .bool(false)),
        ("capabilities", .object([("drop", .list([.string("ALL")]))])),
        ("readOnlyRootFilesystem", .bool(true)),
        ("runAsNonRoot", .bool(true)),
        ("seccompProfile", .object([("type", .string("RuntimeDefault"))])),
    ])

    /// The pull policy the API server picks: Always for `:latest` or no tag, IfNotPresent for a
    /// tag or a digest.
    static func pullPolicy(_ image: String) -> String {
        // As bytes: all three separators are ASCII, and String.contains(String) goes through
        // Foundation's search.
        let bytes = image.utf8
        if bytes.contains(UInt8(ascii: "@")) { return "IfNotPresent" }
        let segmentStart = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        guard let colon = bytes[segmentStart...].lastIndex(of: UInt8(ascii: ":")) else { return "Always" }
        return image[bytes.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }

    /// Requests and limits, always both, as the API server writes quantities back.
    static func resources(_ service: Service) -> Document {
        func quantity(_ value: Located<String>) -> Document? { value.value.isEmpty ? nil : CanonicalQuantity.document(value) }
        return .object([
            ("requests", .object([("cpu", quantity(service.cpu)), ("memory", quantity(service.memory))])),
            ("limits", .object([("cpu", quantity(service.cpuLimit)), ("memory", quantity(service.memoryLimit))])),
        ])
    }

    /// A literal value, or a key of a Secret.
    static func environment(_ variable: EnvVar) -> Document {
        if let secret = variable.secret {
            return .object([
                ("name", .string(variable.name)),
                (
                    "valueFrom",
                    .object([("secretKeyRef", .object([("name", .string(secret.secretName)), ("key", .string(secret.key))]))])
                ),
            ])
        }
        return .object([("name", .string(variable.name)), ("value", variable.value.map { .string($0.derived(literalEnvironmentValue)) })])
    }

    /// A value the container sees as the spec wrote it: Kubernetes expands `$(NAME)` in an env
    /// value and turns `$$` into `$`, so every `$` is doubled (`$(RIVER_LOG_LEVEL)` reached the
    /// container as `info`).
    static func literalEnvironmentValue(_ text: String) -> String {
        text.contains("$") ? text.replacingOccurrences(of: "$", with: "$$") : text
    }

    /// An HTTP GET on the named port when the probe has a path, a TCP connect otherwise.
    /// Durations become whole seconds; unset fields take the API server's defaults.
    static func probe(_ probe: Probe) -> Document {
        let handler: (key: String, value: Document)
        if let path = probe.path {
            handler = ("httpGet", .object([("path", .string(path)), ("port", .string(probe.portName)), ("scheme", .string("HTTP"))]))
        } else {
            handler = ("tcpSocket", .object([("port", .string(probe.portName))]))
        }
        func seconds(_ duration: Located<String>?) -> Document? {
            guard let duration, let value = K8sValue.seconds(duration.value) else { return nil }
            return .int(Located(value, duration.origin))
        }
        return .object([
            (handler.key, handler.value),
            ("initialDelaySeconds", seconds(probe.initialDelay)),
            ("periodSeconds", seconds(probe.period) ?? .int(10)),
            ("failureThreshold", probe.failureThreshold.map { .int($0) } ?? .int(3)),
            ("successThreshold", .int(1)),
            ("timeoutSeconds", .int(1)),
        ])
    }
}
