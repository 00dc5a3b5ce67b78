import Foundation
import NeuroCore
import NeuroNSF
import NeuroProfiles
import NeuroModal

/// The models `--model` can name, and the loaders for model files given by path.
///
/// One place to register a model: add an ``Entry`` for a named model (`modal`, the default
/// neural model…) or a ``FileLoader`` for a file format (NSF safetensors, TorchScript…).
enum ModelRegistry {
    /// A model known by name.
    struct Entry: Sendable {
        /// The name given to `--model`.
        var name: String
        /// One line for help texts and `neurorack-run models`.
        var summary: String
        /// Creates a fresh instance.
        var load: @Sendable () throws(NeuroError) -> any ImpactModel
    }

    /// A loader for model files with given extensions.
    struct FileLoader: Sendable {
        /// Lower-case file extensions without the dot (`safetensors`, `ts`…).
        var extensions: [String]
        /// One line for help texts.
        var summary: String
        /// Loads the model at a path that exists.
        var load: @Sendable (URL) throws(NeuroError) -> any ImpactModel
    }

    /// The model `render` uses when none is given.
    static let defaultName = "neural"

    /// The named models, in listing order.
    static let entries: [Entry] = [
        Entry(
            name: "neural", summary: "bundled neural model: small hn-sinc-NSF trained on free drum samples (docs/MODEL.md)",
            load: { () throws(NeuroError) -> any ImpactModel in try DefaultNSFModel.load() }),
        Entry(
            name: "modal", summary: "non-neural modal synthesizer (modes + coloured noise), no weights needed",
            load: { ModalImpactModel() }),
    ]

    /// The loaders for model files.
    static let fileLoaders: [FileLoader] = [
        FileLoader(
            extensions: ["safetensors"],
            summary: "NSF weights; the config is <name>.json next to them, else architecture.json in the same folder",
            load: { (weights) throws(NeuroError) -> any ImpactModel in
                try NSFModel(weights: weights, config: NSFModel.configURL(nextTo: weights))
            }),
    ]

    /// The model called `nameOrPath`, or loaded from the file at that path.
    ///
    /// - Throws: `.usage` for an unknown name or an unsupported file type, `.missingInput` for a
    ///   path that does not exist, and whatever the loader throws.
    static func resolve(_ nameOrPath: String) throws(NeuroError) -> any ImpactModel {
        if let entry = entries.first(where: { $0.name == nameOrPath }) {
            return try entry.load()
        }
        let url = URL(fileURLWithPath: nameOrPath)
        let looksLikePath = nameOrPath.contains("/") || !url.pathExtension.isEmpty
        guard looksLikePath else {
            throw NeuroError(
                .usage,
                "unknown model '\(nameOrPath)'; known models: \(entries.map(\.name).joined(separator: ", ")), or the path of a model file")
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw NeuroError(.missingInput, "\(nameOrPath): no such model file")
        }
        let fileExtension = url.pathExtension.lowercased()
        guard let loader = fileLoaders.first(where: { $0.extensions.contains(fileExtension) }) else {
            let known = fileLoaders.flatMap(\.extensions).map { ".\($0)" }
            throw NeuroError(
                .usage,
                "\(nameOrPath): no loader for '.\(fileExtension)' model files (supported: \(known.isEmpty ? "none yet" : known.joined(separator: ", ")))")
        }
        return try loader.load(url)
    }
}
