import Ontology
import Planner

/// BIRD 2 configuration for every BGP node of the spec: pure functions from the typed model to
/// files under `bgp/<node>/`.
///
/// Each node gets `bird.conf`, which only includes the fragments, one per concern (arouteserver's
/// split, STYLE.md §4), in the order BIRD needs their symbols:
///
/// | file | concern |
/// |---|---|
/// | `global.conf` | router id, logging, the node's ASN and policy constants |
/// | `bogons.conf` | bogon prefixes and AS numbers (dated data, `Data/`) |
/// | `anycast.conf` | our prefixes; a `protocol static` per anycast prefix the node announces |
/// | `rpki.conf` | ROA tables and a `protocol rpki` (RTR) per validator |
/// | `filters.conf` | import filters per peer type, the export filters |
/// | `kernel.conf` | `protocol device`, `protocol kernel` per address family |
/// | `bfd.conf` | `protocol bfd`, when a peer asks for BFD |
/// | `templates.conf` | one `template bgp` per peer type |
/// | `peers.conf` | one `protocol bgp` per peer; passwords only through `include "secrets/<peer>.conf"` |
///
/// Next to them: `check-health` (withdraws a prefix whose health check fails), `sync-config`
/// (renders `secrets/` and reloads BIRD after `bird -p` accepts the new files), and the GitOps
/// delivery, `configmap.yaml` and `daemonset.yaml`. The files are flat in one folder because
/// BIRD resolves an include relative to the including file, and a ConfigMap has flat keys.
public enum BIRDEmitter {
    /// Every BIRD file of the model, sorted by path: the plain files and the delivery objects.
    public static func files(_ model: SystemModel) -> [OutputFile] {
        var out: [OutputFile] = []
        for node in model.nodes {
            let context = BIRDNodeContext(node: node, model: model)
            out += nodeFiles(context)
        }
        out += BuildPipeline.render(resources(model))
        return out.sorted { $0.path < $1.path }
    }

    /// The Kubernetes objects that deliver each node's configuration (a ConfigMap and a BIRD
    /// DaemonSet pinned to the node), for the desired state.
    public static func resources(_ model: SystemModel) -> [Resource] {
        model.nodes.flatMap { node in
            let context = BIRDNodeContext(node: node, model: model)
            return BIRDDelivery.resources(context, files: nodeFiles(context))
        }
    }

    /// The plain files of one node: BIRD config, fragments and scripts.
    static func nodeFiles(_ context: BIRDNodeContext) -> [OutputFile] {
        let fragments = BIRDMain.fragments(context)
        var files = fragments.map { $0.file(context) }
        files.append(BIRDMain.main(context, fragments: fragments).file(context))
        files.append(BIRDHealthCheck.script(context))
        files.append(BIRDDelivery.syncScript(context))
        return files.sorted { $0.path < $1.path }
    }
}

/// Everything the fragments of one node need, resolved once: its peers, prefixes and validators
/// by name, the address family of each, and the symbols derived from their names.
struct BIRDNodeContext {
    struct PeerSession {
        var peer: Peer
        var ipv4: Bool
        var symbol: String
        /// The file under `secrets/` holding `password "…";` (nil without a password).
        var secretFile: String?
    }

    struct Announcement {
        var prefix: AnycastPrefix
        var ipv4: Bool
        var symbol: String
    }

    let node: Node
    let model: SystemModel
    let peers: [PeerSession]
    let announcements: [Announcement]
    let validators: [RpkiValidator]
    /// Every anycast prefix of the system (any node's), by family: "our own" prefixes.
    let ownPrefixesV4: [Located<String>]
    let ownPrefixesV6: [Located<String>]

    var directory: String { "bgp/\(node.name)" }
    var hasRPKI: Bool { !validators.isEmpty }
    var hasBFD: Bool { peers.contains { $0.peer.bfd?.value == true } }
    var hasIPv4: Bool { peers.contains { $0.ipv4 } || announcements.contains { $0.ipv4 } }
    var hasIPv6: Bool { peers.contains { !$0.ipv4 } || announcements.contains { !$0.ipv4 } }

    init(node: Node, model: SystemModel) {
        self.node = node
        self.model = model
        let peerNames = Set(node.peers.map(\.value))
        let peers = model.peers.filter { peerNames.contains($0.name) }
        let peerSymbols = BIRDSymbols(prefix: "peer_", names: peers.map(\.name))
        let fileNames = Self.secretFileNames(peers.filter { $0.password != nil }.map(\.name))
        self.peers = peers.map { peer in
            PeerSession(
                peer: peer, ipv4: IPAddress(peer.neighbor.value)?.isIPv4 ?? true, symbol: peerSymbols[peer.name],
                secretFile: peer.password.map { _ in fileNames[peer.name]! })
        }
        let announced = Set(node.announces.map(\.value))
        let prefixes = model.anycastPrefixes.filter { announced.contains($0.name) }
        let staticSymbols = BIRDSymbols(prefix: "static_", names: prefixes.map(\.name))
        self.announcements = prefixes.map { prefix in
            Announcement(prefix: prefix, ipv4: Self.isIPv4(prefix: prefix.prefix.value), symbol: staticSymbols[prefix.name])
        }
        let validatorNames = Set(node.rpki.map(\.value))
        self.validators = model.rpkiValidators.filter { validatorNames.contains($0.name) }
        let all = model.anycastPrefixes.map(\.prefix)
        self.ownPrefixesV4 = all.filter { Self.isIPv4(prefix: $0.value) }
        self.ownPrefixesV6 = all.filter { !Self.isIPv4(prefix: $0.value) }
    }

    /// `rtr_` symbols of the node's validators.
    var validatorSymbols: BIRDSymbols { BIRDSymbols(prefix: "rtr_", names: validators.map(\.name)) }

    /// Each peer's secret file name, one per peer: its plain name where `secretFileName` allows
    /// it, else its symbol; a plain name that equals another peer's symbol (a name spelled like
    /// a hashed one) takes its own symbol too, until no two are equal (the symbols are unique).
    static func secretFileNames(_ names: [String]) -> [String: String] {
        let symbols = BIRDSymbols(prefix: "", names: names)
        var chosen = Dictionary(uniqueKeysWithValues: names.map { ($0, secretFileName($0, symbol: symbols[$0])) })
        var changed = true
        while changed {
            changed = false
            let owners = Dictionary(grouping: names, by: { chosen[$0]! })
            for (_, sharing) in owners where sharing.count > 1 {
                for name in sharing where chosen[name] != symbols[name] {
                    chosen[name] = symbols[name]
                    changed = true
                }
            }
        }
        return chosen
    }

    /// The peer's name when it is a plain file name (letters, digits, `.`, `_`, `-`, not
    /// starting with a dot) of at most 64 bytes, else its sanitized symbol (64 at most):
    /// `secrets/<this>.conf`. A 251-character name made a file name past the 255 bytes a
    /// file system takes, which neither the node's script nor `bird -p` could open.
    static func secretFileName(_ name: String, symbol: String) -> String {
        let plain = !name.isEmpty && !name.hasPrefix(".") && name.utf8.count <= BIRDSymbols.maxLength
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
        return plain ? name : symbol
    }

    /// IPv4 unless the prefix parses as IPv6 (the checks have refused anything else).
    static func isIPv4(prefix text: String) -> Bool {
        if case .success(let prefix) = IPPrefix.parse(text) { return prefix.address.isIPv4 }
        return true
    }

    /// Spec subjects: the node first, then the others sorted, each once.
    func subjects(_ others: [String]) -> [String] {
        [node.origin.subject] + Set(others).subtracting([node.origin.subject]).sorted()
    }
}

