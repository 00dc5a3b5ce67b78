import Foundation

/// Locates the read-only reference data in `../shared/` next to the package, for tests only.
///
/// The product never reads it. Tests call ``url(_:)`` and skip with a clear message when it
/// returns `nil`. `NEURORACK_SHARED` overrides the location.
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

    /// The message tests print when they skip for lack of reference data.
    public static func skipMessage(_ relativePath: String) -> String {
        "skipped: reference data ../shared/\(relativePath) is absent (set NEURORACK_SHARED to its folder)"
    }
}
