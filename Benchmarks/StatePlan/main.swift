// Plan and apply on a state of N files with 1 % of them changed, beside `git diff --stat`
// between the same two trees in the same run. Prints figures; asserts nothing.
// Usage: state-plan [N ...]   (default 1000 10000)
import Emitters
import Foundation
import Planner

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// A Deployment-sized YAML file per service, the shape the K3s emitter writes.
func files(count: Int, version: (Int) -> String) -> [OutputFile] {
    var out: [OutputFile] = []
    for index in 0..<count {
        let namespace = "ns\(index / 25)"
        let name = "svc\(index)"
        let text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              annotations:
                ttlc.io/source: https://example.org/bench#\(name)
              labels:
                app.kubernetes.io/name: \(name)
              name: \(name)
              namespace: \(namespace)
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app.kubernetes.io/name: \(name)
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: \(name)
                spec:
                  automountServiceAccountToken: false
                  containers:
                  - image: ghcr.io/bench/\(name):\(version(index))
                    name: \(name)
                    ports:
                    - containerPort: 8080
                      name: http
                    resources:
                      limits:
                        cpu: "1"
                        memory: 1Gi
                      requests:
                        cpu: 250m
                        memory: 256Mi
                    securityContext:
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      runAsNonRoot: true

            """
        out.append(OutputFile(path: "apps/\(namespace)/\(name)/deployment.yaml", bytes: Array(text.utf8), subjects: ["https://example.org/bench#\(name)"]))
    }
    out.append(Inventory.file(for: out))
    return out
}

func desired(_ files: [OutputFile]) -> DesiredState {
    DesiredState(files: files, model: CompiledModel(), resources: [], specDigest: "bench", governance: nil)
}

func git(_ arguments: [String]) -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    return seconds {
        try? process.run()
        process.waitUntilExit()
    }
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let identity = Identity(name: "bench", email: "bench@localhost")
print("files   changed  plan: read+compare s  git diff --stat s  ratio  apply s  (best of 5; apply once)")
for count in sizes.isEmpty ? [1000, 10000] : sizes {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-state-bench-\(count)-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let target = StateTarget(location: root + "/state.git", branch: "main", path: "")
    let changedEvery = 100
    let before = desired(files(count: count, version: { _ in "1.0.0" }))
    let after = desired(files(count: count, version: { $0 % changedEvery == 0 ? "1.1.0" : "1.0.0" }))
    let request = Applying.Request(author: identity, approver: identity, message: "bench")
    do {
        let empty = try StateSnapshot.read(target)
        guard let base = try Applying.apply(try Planning.plan(before, against: empty, target: target), desired: before, state: empty, request: request) else {
            fatalError("no base commit")
        }
        var compare = Double.infinity
        var plan: Plan?
        for _ in 0..<5 {
            compare = min(compare, try seconds {
                let snapshot = try StateSnapshot.read(target)
                plan = try Planning.plan(after, against: snapshot, target: target)
            })
        }
        guard let plan else { fatalError("no plan") }
        let snapshot = try StateSnapshot.read(target)
        var new: ObjectID?
        let apply = try seconds { new = try Applying.apply(plan, desired: after, state: snapshot, request: request) }
        guard let new else { fatalError("no commit") }
        var diff = Double.infinity
        for _ in 0..<5 { diff = min(diff, git(["-C", target.location, "diff", "--stat", base.hex, new.hex])) }
        let changed = plan.changes.count
        print(
            String(count).padding(toLength: 8, withPad: " ", startingAt: 0) + String(changed).padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: "%.3f", compare).padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%.3f", diff).padding(toLength: 19, withPad: " ", startingAt: 0)
                + String(format: "%.2f×", compare / diff).padding(toLength: 7, withPad: " ", startingAt: 0) + String(format: "%.3f", apply))
    } catch {
        print("error: \(error)")
        exit(1)
    }
}
