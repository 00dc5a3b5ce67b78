import Foundation
import NeuroCore

extension ProfileLibrary {
    /// The file name of the library resource.
    static let resourceName = "profiles.json"

    /// The library that ships with the package, decoded once per process.
    ///
    /// Looked up in `$NEURORACK_PROFILES` (a file path) when set, else in the SwiftPM resource
    /// folder `Neurorack_NeuroProfiles.resources` next to the executable (copy it along when
    /// deploying the binary), else in the source tree the package was built from.
    ///
    /// - Throws: `NeuroError` `.unavailable` when no library file is found, `.invalidData` when it is malformed.
    public static func bundled() throws(NeuroError) -> ProfileLibrary {
        try bundledResult.get()
    }

    private static let bundledResult: Result<ProfileLibrary, NeuroError> = {
        guard let url = resourceCandidates().first(where: { FileManager.default.isReadableFile(atPath: $0.path) }) else {
            return .failure(NeuroError(.unavailable,
                "profile library \(resourceName) not found; looked in: \(resourceCandidates().map(\.path).joined(separator: ", "))"))
        }
        do {
            let data = try Data(contentsOf: url)
            return .success(try ProfileLibrary(json: data, fileName: url.path))
        } catch let error as NeuroError {
            return .failure(error)
        } catch {
            return .failure(NeuroError(.unavailable, "\(url.path): cannot read (\(error.localizedDescription))"))
        }
    }()

    private static func resourceCandidates() -> [URL] {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["NEURORACK_PROFILES"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        let folder = "Neurorack_NeuroProfiles.resources"
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(folder).appendingPathComponent(resourceName))
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(folder).appendingPathComponent(resourceName))
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources").appendingPathComponent(resourceName))
        return candidates
    }
}
