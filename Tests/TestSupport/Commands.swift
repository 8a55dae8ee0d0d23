import Foundation

/// What a program run by a test printed, and how it exited.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var text: String { stdout + stderr }

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// The executable `name` built beside the test bundle that holds `marker` (a class of that
/// bundle), or beside the test runner when the bundle is elsewhere.
public func builtExecutable(_ name: String, besideBundleOf marker: AnyClass) -> URL {
    var directory = Bundle(for: marker).bundleURL.deletingLastPathComponent()
    if !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
        directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }
    return directory.appendingPathComponent(name)
}
