import ArgumentParser
import NeuroCore
import NeuroNSF

/// `--model` and `--config`: the model options `render`, `eval`, `bench`, `verify-nsf` and
/// `models` share, resolved through ``ModelRegistry`` so that every subcommand spells them and
/// fails on them the same way.
struct ModelOptions: ParsableArguments {
    @Option(
        name: .customLong("model"),
        help: ArgumentHelp(
            "The model: a name (\(ModelRegistry.entries.map(\.name).joined(separator: ", ")); commands that need one default to \(ModelRegistry.defaultName)) or the path of a model file.",
            valueName: "name|path"))
    var nameOrPath: String?

    @Option(
        help: ArgumentHelp(
            "The NSF architecture JSON of a model file given by path (default: <name>.json next to it, else architecture.json in its folder).",
            valueName: "file.json"),
        completion: .file(extensions: ["json"]))
    var config: String?

    /// Whether `--model` or `--config` was given.
    var isGiven: Bool { nameOrPath != nil || config != nil }

    /// The registry entry of the options: `--model` (default ``ModelRegistry/defaultName``) with `--config`.
    ///
    /// - Throws: the errors of ``ModelRegistry/entry(for:config:)``.
    func entry() throws(NeuroError) -> ModelRegistry.Entry {
        try ModelRegistry.entry(for: nameOrPath ?? ModelRegistry.defaultName, config: config)
    }

    /// Loads the model with `threadCount` threads sharing its work (``NSFThreadSharing``).
    ///
    /// - Throws: the errors of ``ModelRegistry/resolve(_:config:threadCount:)``.
    func load(threadCount: Int = 1) throws(NeuroError) -> any ImpactModel {
        try ModelRegistry.resolve(nameOrPath ?? ModelRegistry.defaultName, config: config, threadCount: threadCount)
    }

    /// Loads the model for a command that works only on NSF models.
    ///
    /// - Parameter purpose: what the command does, for the error: `bench measures NSF models`.
    /// - Throws: `.usage` naming the model when it is not an NSF model, and the errors of ``load(threadCount:)``.
    func loadNSF(threadCount: Int, purpose: String) throws(NeuroError) -> NSFModel {
        let name = nameOrPath ?? ModelRegistry.defaultName
        guard let nsf = try load(threadCount: threadCount) as? NSFModel else {
            throw NeuroError(
                .usage,
                "--model \(name): \(purpose) (the \(ModelRegistry.defaultName) model or .safetensors weights), and '\(name)' is not one")
        }
        return nsf
    }
}
