import ArgumentParser
import Foundation
import NeuroCore
import NeuroFiles
import NeuroNSF
import NeuroProfiles

/// `neurorack-run models`: the named models and the model file types `--model` accepts, or the
/// figures of the one model `--model` gives.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models --model can name and the model file types it loads.",
        discussion: """
            Each named model is loaded to read its sample rate, samples per frame, look-ahead \
            (frames after a call its sound depends on), the default chunk plan that follows from \
            it (frames per call/hop) and, for NSF models, the number of trainable parameters. \
            The default model is marked with *. With --model (a name or a model file, with \
            --config if needed) only that model's row is printed, and a model that cannot be \
            loaded is an error. `models inspect FILE.ts` describes a TorchScript model.
            """,
        subcommands: [ModelsInspectCommand.self])

    /// `--model` and `--config`: the one model to list, when given.
    @OptionGroup var model: ModelOptions

    func run() throws {
        print(try listing(), terminator: "")
    }

    /// What the command prints: the row of the `--model` model under the header when the model
    /// options are given, else ``fullListing()``.
    ///
    /// - Throws: the errors of ``ModelOptions/entry()`` and of loading the model.
    func listing() throws(NeuroError) -> String {
        guard model.isGiven else { return Self.fullListing() }
        let entry = try model.entry()
        return Self.table([Self.row(entry, model: try entry.load(1))]).joined(separator: "\n") + "\n"
    }

    /// The listing: one row per named model, a legend, then one line per loadable file type.
    static func fullListing() -> String {
        let files = ModelRegistry.fileLoaders.map { loader in
            "  " + loader.extensions.map { ".\($0)" }.joined(separator: ", ") + "  " + loader.summary
        }
        let legend = "* the default model (render, eval, bench and verify-nsf without --model); CHUNKS: frames per model call/hop of the default plan"
        let table = table(ModelRegistry.entries.map(row))
        return (table + ["", legend, "", "Model files (--model PATH):"] + files).joined(separator: "\n") + "\n"
    }

    /// The column titles.
    private static let header = ["NAME", "RATE", "SAMPLES/FRAME", "LOOK-AHEAD", "CHUNKS", "PARAMETERS", "SUMMARY"]

    /// The header and `rows` as aligned lines.
    private static func table(_ rows: [[String]]) -> [String] {
        TextTable.lines([header] + rows, leftAligned: [0, header.count - 1])
    }

    /// The cells of one named model; a model that fails to load says why in its summary.
    private static func row(_ entry: ModelRegistry.Entry) -> [String] {
        do {
            return row(entry, model: try entry.load(1))
        } catch {
            return [name(entry), "-", "-", "-", "-", "-", "unavailable: \(error.message)"]
        }
    }

    /// The cells of `entry`, loaded as `model`.
    private static func row(_ entry: ModelRegistry.Entry, model: any ImpactModel) -> [String] {
        let plan = ChunkPlan.streaming(for: model)
        let parameters = (model as? NSFModel).map { "\($0.config.trainableParameterCount)" } ?? "-"
        return [
            name(entry), "\(model.sampleRate)", "\(model.samplesPerFrame)", "\(model.lookAheadFrames)",
            "\(plan.framesPerChunk)/\(plan.hop)", parameters, entry.summary,
        ]
    }

    /// The NAME cell: the entry's name, with `*` for the default model.
    private static func name(_ entry: ModelRegistry.Entry) -> String {
        entry.name + (entry.name == ModelRegistry.defaultName ? "*" : "")
    }
}
