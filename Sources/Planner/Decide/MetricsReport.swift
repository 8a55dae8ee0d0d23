import Foundation
import Ontology

/// What `ttlc decide` and `ttlc verify` read: per service, the replica count, ready pods,
/// utilisation of requests, p95 latency and error rate, and when they were measured.
///
/// ```json
/// { "format_version": "1.0",
///   "services": [ { "service": "threat-api", "replicas": 2, "ready": 2,
///                   "cpu_percent": 85, "memory_percent": 70, "p95_ms": 180,
///                   "error_rate_percent": 0.2, "timestamp": "2026-11-25T21:00:00Z" } ] }
/// ```
public struct MetricsReport: Sendable, Equatable {
    public static let formatVersion = "1.0"
    public var services: [ServiceMetrics]

    public func metrics(for service: String) -> ServiceMetrics? { services.first { $0.service == service } }
}

public struct ServiceMetrics: Sendable, Equatable {
    public var service: String
    public var replicas: Int
    public var ready: Int
    /// Utilisation of the CPU and memory requests, in percent (85 is 85 %).
    public var cpuPercent: Double
    public var memoryPercent: Double
    public var p95Milliseconds: Double
    public var errorRatePercent: Double
    /// Seconds since the Unix epoch.
    public var timestamp: Int
}

extension MetricsReport {
    /// Reads a metrics file's bytes; every problem is an error naming the file and the place
    /// (line and column for JSON syntax, the field path for a wrong or missing value).
    public static func read(_ bytes: [UInt8], file: String) -> Result<MetricsReport, Diagnostic> {
        let root: JSONValue
        switch JSONValue.parse(bytes) {
        case .success(let value): root = value
        case .failure(let error):
            return .failure(
                Diagnostic(.decideMetrics, "not JSON: \(error.message)", at: SourceLocation(file: file, line: max(1, error.line), column: max(1, error.column))))
        }
        // jansson keeps no positions for values. Items are checked in order, so when item i
        // fails at a key, items 0..<i all had it: its (i+1)-th occurrence as a key is the spot.
        let source = SourceFile(path: file, bytes: bytes)
        func place(_ key: String?, _ occurrence: Int) -> SourceLocation {
            guard let key else { return source.location(at: 0) }
            let needle = Array("\"\(key)\"".utf8)
            var found = 0
            var index = 0
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle {
                    var after = index + needle.count
                    while after < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[after]) { after += 1 }
                    if after < bytes.count, bytes[after] == UInt8(ascii: ":") {
                        if found == occurrence { return source.location(at: index) }
                        found += 1
                    }
                }
                index += 1
            }
            return source.location(at: 0)
        }
        func fail(_ path: String, _ message: String, key: String? = nil, item: Int = 0) -> Result<MetricsReport, Diagnostic> {
            .failure(Diagnostic(.decideMetrics, "\(path): \(message)", at: place(key, item)))
        }
        guard case .object = root else { return fail("(root)", "expected an object, found \(root.kindName)") }
        guard case .string(let version)? = root["format_version"] else { return fail("format_version", "missing or not a string; expected \"\(formatVersion)\"", key: root["format_version"] == nil ? nil : "format_version") }
        guard version.split(separator: ".").first == formatVersion.split(separator: ".").first else {
            return fail("format_version", "\(version) is not supported; expected \(formatVersion)", key: "format_version")
        }
        guard case .array(let items)? = root["services"] else { return fail("services", "missing or not an array", key: "services") }
        var services: [ServiceMetrics] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let at = "services[\(index)]"
            guard case .object = item else { return fail(at, "expected an object, found \(item.kindName)") }
            guard case .string(let name)? = item["service"], !name.isEmpty else { return fail("\(at).service", "missing or not a service name", key: "service", item: index) }
            guard seen.insert(name).inserted else { return fail("\(at).service", "\(name) appears twice", key: "service", item: index) }
            var numbers: [String: Double] = [:]
            for (key, range) in [("replicas", 0.0...1e6), ("ready", 0.0...1e6), ("cpu_percent", 0.0...1e4), ("memory_percent", 0.0...1e4),
                                 ("p95_ms", 0.0...1e9), ("error_rate_percent", 0.0...100.0)] {
                guard let value = item[key] else { return fail("\(at).\(key)", "missing", key: "service", item: index) }
                guard let number = value.number, number.isFinite else { return fail("\(at).\(key)", "expected a number, found \(value.kindName)", key: key, item: index) }
                guard range.contains(number) else { return fail("\(at).\(key)", "\(number) is out of range \(range.lowerBound)...\(range.upperBound)", key: key, item: index) }
                numbers[key] = number
            }
            for key in ["replicas", "ready"] where numbers[key]!.rounded() != numbers[key]! {
                return fail("\(at).\(key)", "expected a whole number", key: key, item: index)
            }
            guard case .string(let stamp)? = item["timestamp"] else { return fail("\(at).timestamp", "missing; expected an RFC 3339 time such as 2026-11-25T21:00:00Z", key: "service", item: index) }
            guard let time = RFC3339.seconds(stamp) else { return fail("\(at).timestamp", "\(stamp) is not an RFC 3339 time such as 2026-11-25T21:00:00Z", key: "timestamp", item: index) }
            services.append(
                ServiceMetrics(
                    service: name, replicas: Int(numbers["replicas"]!), ready: Int(numbers["ready"]!), cpuPercent: numbers["cpu_percent"]!,
                    memoryPercent: numbers["memory_percent"]!, p95Milliseconds: numbers["p95_ms"]!, errorRatePercent: numbers["error_rate_percent"]!,
                    timestamp: time))
        }
        return .success(MetricsReport(services: services))
    }
}

/// RFC 3339 times (`2026-11-25T21:00:00Z`, `…+01:00`, fractional seconds allowed) as whole
/// seconds since the epoch, and back (always UTC, `Z`).
public enum RFC3339 {
    public static func seconds(_ text: String) -> Int? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return Int(date.timeIntervalSince1970.rounded(.down)) }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text).map { Int($0.timeIntervalSince1970.rounded(.down)) }
    }

    public static func text(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
