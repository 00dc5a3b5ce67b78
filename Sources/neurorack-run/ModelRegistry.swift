import Foundation
import NeuroCore
import NeuroNSF
import NeuroProfiles
import NeuroModal
import NeuroTorch

/// The models `--model` can name, and the loaders for model files given by path.
///
/// One place to register a model: add an ``Entry`` for a named model (`modal`, the default
/// neural model…) or a ``FileLoader`` for a file format (NSF safetensors, TorchScript…).
/// ``entry(for:config:)`` turns a `--model` value (and `--config`) into an entry, with the same
/// errors for every subcommand.
enum ModelRegistry {
    /// A model known by name, or a model file resolved by ``entry(for:config:)``.
    struct Entry: Sendable {
        /// The name given to `--model` (the path as given, for a model file).
        var name: String
        /// One line for help texts and `neurorack-run models`.
        var summary: String
        /// Creates a fresh instance whose convolutions (if it has any) `threadCount` threads share.
        var load: @Sendable (_ threadCount: Int) throws(NeuroError) -> any ImpactModel
    }

    /// A loader for model files with given extensions.
    struct FileLoader: Sendable {
        /// Lower-case file extensions without the dot (`safetensors`, `ts`…).
        var extensions: [String]
        /// One line for help texts.
        var summary: String
        /// Loads the model at a path that exists, with the config file of `--config` (which
        /// exists) or, when `nil`, the format's own lookup, and `threadCount` threads.
        var load: @Sendable (_ file: URL, _ config: URL?, _ threadCount: Int) throws(NeuroError) -> any ImpactModel
    }

    /// The model `render`, `eval`, `bench` and `verify-nsf` use when none is given.
    static let defaultName = "neural"

    /// The named models, in listing order.
    static let entries: [Entry] = [
        Entry(
            name: "neural", summary: "bundled neural model: small hn-sinc-NSF trained on free drum samples (docs/MODEL.md)",
            load: { (threadCount) throws(NeuroError) -> any ImpactModel in try DefaultNSFModel.load(threadCount: threadCount) }),
        Entry(
            name: "modal", summary: "non-neural modal synthesizer (modes + coloured noise), no weights needed",
            load: { _ in ModalImpactModel() }),
    ]

    /// The loaders for model files.
    static let fileLoaders: [FileLoader] = [
        FileLoader(
            extensions: ["safetensors"],
            summary: "NSF weights; the config is --config, else <name>.json next to them, else architecture.json in the same folder",
            load: { (weights, config, threadCount) throws(NeuroError) -> any ImpactModel in
                let configURL = if let config { config } else { try NSFModel.configURL(nextTo: weights) }
                return try NSFModel(weights: weights, config: configURL, threadCount: threadCount)
            }),
        FileLoader(
            extensions: ["ts"],
            summary: "TorchScript (nn~/RAVE decode, latent profiles; needs a build with --traits Torch; docs/TORCH.md)",
            load: { (file, _, threadCount) throws(NeuroError) -> any ImpactModel in
                try TorchPreflight.check(file.path)
                return try TorchModel.load(path: file.path, threadCount: threadCount)
            }),
    ]

    /// The entry for a `--model` value: the model called `nameOrPath`, or a model file at that path
    /// whose loader uses `config` (the `--config` path) when given.
    ///
    /// Nothing is loaded yet; the checks are those every subcommand shares.
    /// - Throws: `.usage` for an unknown name, an unsupported file type, or a config given with a
    ///   named model; `.missingInput` for a model file or config that does not exist.
    static func entry(for nameOrPath: String, config: String? = nil) throws(NeuroError) -> Entry {
        if let entry = entries.first(where: { $0.name == nameOrPath }) {
            if let config {
                throw NeuroError(
                    .usage,
                    "--config \(config): a config goes with a model file given by path (--model PATH), not with the named model '\(nameOrPath)'")
            }
            return entry
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
        if let config, !FileManager.default.fileExists(atPath: config) {
            throw NeuroError(.missingInput, "--config \(config): no such file")
        }
        let configURL = config.map { URL(fileURLWithPath: $0) }
        return Entry(
            name: nameOrPath, summary: "model file" + (config.map { ", config \($0)" } ?? ""),
            load: { (threadCount) throws(NeuroError) in try loader.load(url, configURL, threadCount) })
    }

    /// The model of a `--model` value (and `--config`), loaded with `threadCount` threads.
    ///
    /// - Throws: the errors of ``entry(for:config:)``, then whatever the loader throws.
    static func resolve(_ nameOrPath: String, config: String? = nil, threadCount: Int = 1) throws(NeuroError) -> any ImpactModel {
        try entry(for: nameOrPath, config: config).load(threadCount)
    }
}
