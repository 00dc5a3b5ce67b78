import Foundation
import Testing

/// Locates the read-only reference data in `../shared/` next to the package, for tests only.
///
/// The product never reads it. Tests that need a file declare ``required(_:)`` as a trait, so the
/// runner skips them (and says why) when the file is absent; then ``url(_:)`` finds it.
/// `NEURORACK_SHARED` overrides the location.
public enum SharedReferenceData {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The reference folder, or `nil` when it is absent.
    public static var directory: URL? {
        let candidate = ProcessInfo.processInfo.environment["NEURORACK_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return candidate
    }

    /// The file at `relativePath` inside the reference folder, or `nil` when it is absent.
    public static func url(_ relativePath: String) -> URL? {
        guard let file = directory?.appendingPathComponent(relativePath),
              FileManager.default.fileExists(atPath: file.path) else { return nil }
        return file
    }

    /// A trait that skips the test, naming the first missing file, unless every one of
    /// `relativePaths` exists in the reference folder.
    public static func required(_ relativePaths: String...) -> ConditionTrait {
        let missing = relativePaths.first { url($0) == nil }
        return .enabled(
            if: missing == nil,
            "reference data ../shared/\(missing ?? "") is absent (set NEURORACK_SHARED to its folder)")
    }

    /// The file at `relativePath`, for a test guarded by ``required(_:)``.
    ///
    /// - Throws: when the file is absent after all, so the test fails instead of passing silently.
    public static func requiredURL(_ relativePath: String) throws -> URL {
        try #require(url(relativePath), "reference data ../shared/\(relativePath) is absent")
    }
}
