import Foundation
import NeuroCore

/// Reads whole input files with the project's error conventions.
public enum InputFile {
    /// The bytes of the file at `url`.
    ///
    /// - Throws: `.missingInput` naming the file when it does not exist or cannot be read.
    public static func contents(of url: URL) throws(NeuroError) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw NeuroError(.missingInput, "\(url.path): no such file")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw NeuroError(.missingInput, "\(url.path): cannot read (\(error.localizedDescription))")
        }
    }
}
