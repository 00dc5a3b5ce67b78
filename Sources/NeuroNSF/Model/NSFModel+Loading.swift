import Foundation
import NeuroCore
import NeuroSafeTensors

extension NSFModel {
    /// Loads a model from a safetensors state dict and a config in the `architecture.json` format.
    ///
    /// - Throws: `.missingInput` when a file cannot be read, `.invalidData` (naming the file, key or
    ///   tensor) when the config is invalid or the weights do not match it.
    /// `threadCount` threads share the work (see ``init(config:weights:name:maxFramesPerCall:threadCount:)``).
    public convenience init(weights: URL, config: URL, maxFramesPerCall: Int = 4096, threadCount: Int = 1) throws(NeuroError) {
        let configuration = try NSFConfig(contentsOf: config)
        let file = try SafeTensorsFile(contentsOf: weights)
        try self.init(
            config: configuration, weights: file, name: weights.deletingPathExtension().lastPathComponent,
            maxFramesPerCall: maxFramesPerCall, threadCount: threadCount)
    }

    /// The config that belongs to the weights file `weights`: `<weights name>.json` next to it,
    /// else `architecture.json` in the same folder.
    ///
    /// `models/kick.safetensors` takes `models/kick.json` when it exists, otherwise
    /// `models/architecture.json` (the name the original Neurorack repository uses).
    ///
    /// - Throws: `.missingInput` naming the weights and both candidates when neither exists.
    public static func configURL(nextTo weights: URL) throws(NeuroError) -> URL {
        let candidates = [
            weights.deletingPathExtension().appendingPathExtension("json"),
            weights.deletingLastPathComponent().appendingPathComponent("architecture.json"),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw NeuroError(
                .missingInput,
                "\(weights.path): no model config next to it (looked for \(candidates.map(\.lastPathComponent).joined(separator: " and ")))")
        }
        return found
    }
}
