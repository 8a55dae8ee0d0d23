import Planner

/// The GitOps delivery of a node's BIRD configuration: a ConfigMap holding the node's files and a
/// BIRD DaemonSet pinned to the node, so Flux rolls routing changes out like everything else.
///
/// The pod (host network, in `kube-system`, where `.ttlc/secrets.json` puts the BGP Secrets):
/// - init container `sync-config once`: copies the ConfigMap's `.conf` files to
///   `/run/bird/etc/`, writes `secrets/<peer>.conf` from the mounted SecretRefs, runs `bird -p`;
/// - `bird`: `bird -f -c /run/bird/etc/bird.conf -s /run/bird/bird.ctl`;
/// - `sync-config watch`: when the ConfigMap or a Secret changes, renders the new files beside the
///   running ones, and only if `bird -p` accepts them swaps them in and runs `birdc configure`
///   (the pod template never changes with the configuration, so BIRD is not restarted);
/// - `check-health`: withdraws a prefix whose health check fails (anycast.conf).
/// The image is the System's `tc:birdImage`; it must hold bird, birdc, curl and a POSIX sh.
enum BIRDDelivery {
    static let namespace = "kube-system"
    static let configDirectory = "/etc/bird-config"
    static let secretsDirectory = "/etc/bird-secrets"
    static let runDirectory = "/run/bird"
    static let sourceAnnotation = "ttlc.io/source"

    static func objectName(_ context: BIRDNodeContext) -> String { "bird-" + context.node.name }

    static func resources(_ context: BIRDNodeContext, files: [OutputFile]) -> [Resource] {
        guard let system = context.model.system else { return [] }
        return [configMap(context, files: files, system: system), daemonSet(context, system: system)]
    }

    // MARK: Objects

    static func labels(_ context: BIRDNodeContext, system: System) -> Document {
        .object([
            ("app.kubernetes.io/name", .string("bird")),
            ("app.kubernetes.io/instance", .scalar(.string(context.node.name), origin: context.node.origin)),
            ("app.kubernetes.io/part-of", .scalar(.string(system.name), origin: system.origin)),
            ("app.kubernetes.io/managed-by", .string("ttlc")),
        ])
    }

    static func metadata(_ context: BIRDNodeContext, system: System) -> Document {
        .object([
            ("name", .scalar(.string(objectName(context)), origin: context.node.origin)),
            ("namespace", .string(namespace)),
            ("labels", labels(context, system: system)),
            ("annotations", .object([(sourceAnnotation, .scalar(.string(context.node.origin.subject), origin: context.node.origin))])),
        ])
    }

    static func resource(_ context: BIRDNodeContext, system: System, kind: String, apiVersion: String, file: String, body: [(String, Document?)], subjects: [String])
        -> Resource
    {
        Resource(
            id: ResourceID(apiVersion: apiVersion, kind: kind, namespace: namespace, name: objectName(context)),
            path: context.directory + "/" + file,
            document: .object([("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("metadata", metadata(context, system: system))] + body),
            subjects: context.subjects(subjects + [system.origin.subject]))
    }

    /// The node's plain files (config, fragments, scripts), one key each.
    static func configMap(_ context: BIRDNodeContext, files: [OutputFile], system: System) -> Resource {
        let prefix = context.directory + "/"
        let data = files.sorted { $0.path < $1.path }.map { file in
            (String(file.path.dropFirst(prefix.count)), Document.string(String(decoding: file.bytes, as: UTF8.self)))
        }
        var subjects: [String] = []
        for file in files { subjects += file.subjects }
        return resource(context, system: system, kind: "ConfigMap", apiVersion: "v1", file: "configmap.yaml", body: [("data", .object(data.map { ($0.0, $0.1) }))], subjects: subjects)
    }

    static func daemonSet(_ context: BIRDNodeContext, system: System) -> Resource {
        let image = Document.string(system.birdImage)
        let mounts: (Bool) -> Document = { withSecrets in
            .list(
                [
                    .object([("mountPath", .string(configDirectory)), ("name", .string("config")), ("readOnly", .bool(true))]),
                    withSecrets && hasSecrets(context)
                        ? .object([("mountPath", .string(secretsDirectory)), ("name", .string("secrets")), ("readOnly", .bool(true))]) : nil,
                    .object([("mountPath", .string(runDirectory)), ("name", .string("run"))]),
                ].compactMap { $0 })
        }
        let restricted: ([String]) -> Document = { added in
            .object([
                ("allowPrivilegeEscalation", .bool(false)),
                ("capabilities", .object([("add", added.isEmpty ? nil : .list(added.map { .string($0) })), ("drop", .list([.string("ALL")]))])),
                ("readOnlyRootFilesystem", .bool(true)),
                ("runAsNonRoot", .bool(false)),
                ("runAsUser", .int(0)),
            ])
        }
        let resources: (String, String, String, String) -> Document = { cpu, memory, cpuLimit, memoryLimit in
            .object([
                ("limits", .object([("cpu", .string(cpuLimit)), ("memory", .string(memoryLimit))])),
                ("requests", .object([("cpu", .string(cpu)), ("memory", .string(memory))])),
            ])
        }
        let environment = Document.list([
            .object([("name", .string("BIRD_SOCKET")), ("value", .string(runDirectory + "/bird.ctl"))]),
            .object([("name", .string("CONFIG_DIR")), ("value", .string(configDirectory))]),
            .object([("name", .string("SECRETS_DIR")), ("value", .string(secretsDirectory))]),
            .object([("name", .string("RUN_DIR")), ("value", .string(runDirectory))]),
        ])
        func container(_ name: String, _ command: [String], capabilities: [String] = [], secrets: Bool, sizes: Document, extra: [(String, Document?)] = []) -> Document {
            .object(
                [
                    ("name", .string(name)), ("image", image), ("imagePullPolicy", .string("IfNotPresent")),
                    ("command", .list(command.map { .string($0) })), ("env", environment),
                    ("resources", sizes), ("securityContext", restricted(capabilities)),
                    ("terminationMessagePath", .string("/dev/termination-log")), ("terminationMessagePolicy", .string("File")),
                    ("volumeMounts", mounts(secrets)),
                ] + extra)
        }
        let small = resources("10m", "16Mi", "100m", "64Mi")
        let birdCommand = ["bird", "-f", "-c", runDirectory + "/etc/bird.conf", "-s", runDirectory + "/bird.ctl"]
        let liveness = Document.object([
            ("exec", .object([("command", .list(["birdc", "-s", runDirectory + "/bird.ctl", "show", "status"].map { .string($0) }))])),
            ("failureThreshold", .int(3)), ("initialDelaySeconds", .int(10)), ("periodSeconds", .int(30)), ("successThreshold", .int(1)),
            ("timeoutSeconds", .int(5)),
        ])
        var volumes: [Document] = [
            .object([("configMap", .object([("defaultMode", .int(0o444)), ("name", .scalar(.string(objectName(context)), origin: context.node.origin))])), ("name", .string("config"))])
        ]
        if hasSecrets(context) {
            let sources = context.peers.compactMap { session -> Document? in
                guard let secret = session.peer.password, let file = session.secretFile else { return nil }
                return .object([
                    (
                        "secret",
                        .object([
                            ("items", .list([.object([("key", .string(secret.key)), ("path", .string(file))])])),
                            ("name", .string(secret.secretName)),
                        ])
                    )
                ])
            }
            volumes.append(.object([("name", .string("secrets")), ("projected", .object([("defaultMode", .int(0o400)), ("sources", .list(sources))]))]))
        }
        volumes.append(.object([("emptyDir", .object([("medium", .string("Memory"))])), ("name", .string("run"))]))
        let selector = Document.object([
            ("app.kubernetes.io/instance", .scalar(.string(context.node.name), origin: context.node.origin)),
            ("app.kubernetes.io/name", .string("bird")),
        ])
        let podSpec = Document.object([
            ("automountServiceAccountToken", .bool(false)),
            (
                "containers",
                .list([
                    container(
                        "bird", birdCommand, capabilities: ["NET_ADMIN", "NET_BIND_SERVICE", "NET_RAW"], secrets: false,
                        sizes: resources("100m", "256Mi", "1", "2Gi"), extra: [("livenessProbe", liveness)]),
                    container("sync-config", ["/bin/sh", configDirectory + "/sync-config", "watch"], secrets: true, sizes: small),
                    container("check-health", ["/bin/sh", configDirectory + "/check-health"], secrets: false, sizes: small),
                ])
            ),
            ("dnsPolicy", .string("ClusterFirstWithHostNet")),
            ("hostNetwork", .bool(true)),
            ("initContainers", .list([container("render-config", ["/bin/sh", configDirectory + "/sync-config", "once"], secrets: true, sizes: small)])),
            ("nodeSelector", .object([("kubernetes.io/hostname", .scalar(.string(context.node.name), origin: context.node.origin))])),
            ("priorityClassName", .string("system-node-critical")),
            ("restartPolicy", .string("Always")),
            ("schedulerName", .string("default-scheduler")),
            ("securityContext", .object([("seccompProfile", .object([("type", .string("RuntimeDefault"))]))])),
            ("terminationGracePeriodSeconds", .int(30)),
            ("tolerations", .list([.object([("operator", .string("Exists"))])])),
            ("volumes", .list(volumes)),
        ])
        let spec = Document.object([
            ("revisionHistoryLimit", .int(10)),
            ("selector", .object([("matchLabels", selector)])),
            (
                "template",
                .object([
                    (
                        "metadata",
                        .object([
                            ("annotations", .object([(sourceAnnotation, .scalar(.string(context.node.origin.subject), origin: context.node.origin))])),
                            ("labels", labels(context, system: system)),
                        ])
                    ),
                    ("spec", podSpec),
                ])
            ),
            ("updateStrategy", .object([("rollingUpdate", .object([("maxSurge", .int(0)), ("maxUnavailable", .int(1))])), ("type", .string("RollingUpdate"))])),
        ])
        let secretSubjects = context.peers.compactMap { $0.peer.password == nil ? nil : $0.peer.origin.subject }
        return resource(context, system: system, kind: "DaemonSet", apiVersion: "apps/v1", file: "daemonset.yaml", body: [("spec", spec)], subjects: secretSubjects)
    }

    static func hasSecrets(_ context: BIRDNodeContext) -> Bool { context.peers.contains { $0.secretFile != nil } }

    // MARK: sync-config

    /// `sync-config`: renders the running configuration from the ConfigMap and the Secrets, and
    /// reloads BIRD only with files `bird -p` accepts.
    static func syncScript(_ context: BIRDNodeContext) -> OutputFile {
        let fragments = ["bird.conf"] + BIRDMain.fragments(context).map(\.name)
        let secrets = context.peers.compactMap(\.secretFile)
        let subjects = context.subjects(context.peers.compactMap { $0.peer.password == nil ? nil : $0.peer.origin.subject })
        var lines = ["#!/bin/sh"] + BIRDFragment.header(context, name: "sync-config", title: "renders BIRD's running configuration and reloads it safely", subjects: subjects)
        lines += [
            "#",
            "# sync-config once   copy the .conf files of CONFIG_DIR to RUN_DIR/etc, write RUN_DIR/etc/secrets/",
            "#                    <peer>.conf (password \"...\";) from SECRETS_DIR/<peer>, and check them with",
            "#                    bird -p; fails, changing nothing, when bird -p refuses them.",
            "# sync-config watch  every 10 s, when a file of CONFIG_DIR or SECRETS_DIR changed: render the new",
            "#                    files beside the running ones, and only if bird -p accepts them swap them in",
            "#                    and run birdc configure; otherwise BIRD keeps running the previous files.",
            "# CONFIG_DIR (/etc/bird-config) holds this folder's files (the ConfigMap), SECRETS_DIR",
            "# (/etc/bird-secrets) one file per peer with its password (the SecretRefs), RUN_DIR (/run/bird)",
            "# BIRD's config folder etc/, its control socket bird.ctl, and withdrawn/ (check-health).",
            "set -eu",
            "CONFIG_DIR=\"${CONFIG_DIR:-\(configDirectory)}\"",
            "SECRETS_DIR=\"${SECRETS_DIR:-\(secretsDirectory)}\"",
            "RUN_DIR=\"${RUN_DIR:-\(runDirectory)}\"",
            "FILES=\"\(fragments.joined(separator: " "))\"",
            "SECRETS=\"\(secrets.joined(separator: " "))\"",
            "NEWLINE=$(printf '\\n.')",
            "NEWLINE=${NEWLINE%.}",
            "",
            "log() { echo \"sync-config: $*\" >&2; }",
            "",
            "# render DIR: the configuration and its secrets/ files into DIR (made anew).",
            "render() {",
            "    rm -rf \"$1\"",
            "    mkdir -p \"$1/secrets\"",
            "    for file in $FILES; do cp \"$CONFIG_DIR/$file\" \"$1/$file\" || return 1; done",
            "    for peer in $SECRETS; do",
            "        password=$(cat \"$SECRETS_DIR/$peer\") || return 1",
            "        case $password in",
            "            '' | *'\"'* | *\"$NEWLINE\"*)",
            "                log \"the password of $peer is empty or holds a double quote or a newline, which BIRD cannot read\"",
            "                return 1",
            "                ;;",
            "        esac",
            "        (umask 077 && printf 'password \"%s\";\\n' \"$password\" > \"$1/secrets/$peer.conf\")",
            "    done",
            "}",
            "",
            "# install_config: render into RUN_DIR/next, check it, and make it RUN_DIR/etc.",
            "install_config() {",
            "    if ! render \"$RUN_DIR/next\" || ! bird -p -c \"$RUN_DIR/next/bird.conf\"; then",
            "        log \"new configuration refused; BIRD keeps the running one\"",
            "        return 1",
            "    fi",
            "    rm -rf \"$RUN_DIR/prev\"",
            "    if [ -d \"$RUN_DIR/etc\" ]; then mv \"$RUN_DIR/etc\" \"$RUN_DIR/prev\"; fi",
            "    mv \"$RUN_DIR/next\" \"$RUN_DIR/etc\"",
            "}",
            "",
            "fingerprint() { cat \"$CONFIG_DIR\"/* \"$SECRETS_DIR\"/* 2>/dev/null | cksum; }",
            "",
            "case \"${1:-once}\" in",
            "    once) install_config ;;",
            "    watch)",
            "        last=$(fingerprint)",
            "        while sleep 10; do",
            "            now=$(fingerprint)",
            "            [ \"$now\" = \"$last\" ] && continue",
            "            last=$now",
            "            if install_config; then",
            "                log \"configuration changed and accepted by bird -p: reconfiguring\"",
            "                birdc -s \"$RUN_DIR/bird.ctl\" configure || log \"birdc configure failed\"",
            "                # configure enables every protocol; keep withdrawn prefixes withdrawn (check-health).",
            "                for withdrawn in \"$RUN_DIR\"/withdrawn/*; do",
            "                    if [ -e \"$withdrawn\" ]; then",
            "                        birdc -s \"$RUN_DIR/bird.ctl\" disable \"${withdrawn##*/}\" || log \"birdc disable failed\"",
            "                    fi",
            "                done",
            "            fi",
            "        done",
            "        ;;",
            "    *) log \"usage: sync-config once|watch\"; exit 64 ;;",
            "esac",
        ]
        let text = lines.joined(separator: "\n") + "\n"
        return OutputFile(path: context.directory + "/sync-config", bytes: Array(text.utf8), subjects: subjects)
    }
}
