import Foundation

/// The repository's root, found from this file's path (Tests/TestSupport/…): fixtures, specs
/// and goldens are named relative to it.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
