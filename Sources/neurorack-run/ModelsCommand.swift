import ArgumentParser
import Foundation
import NeuroCore
import NeuroNSF
import NeuroProfiles

/// `neurorack-run models`: the named models and the model file types `--model` accepts.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models --model can name and the model file types it loads.",
        discussion: """
            Each named model is loaded to read its sample rate, samples per frame, look-ahead \
            (frames after a call its sound depends on), the default chunk plan that follows from \
            it (frames per call/hop) and, for NSF models, the number of trainable parameters. \
            The default model is marked with *.
            """)

    func run() throws {
        print(Self.listing(), terminator: "")
    }

    /// The listing: one row per named model, a legend, then one line per loadable file type.
    static func listing() -> String {
        let header = ["NAME", "RATE", "SAMPLES/FRAME", "LOOK-AHEAD", "CHUNKS", "PARAMETERS", "SUMMARY"]
        let rows = ModelRegistry.entries.map(row)
        let table = TextColumns.aligned([header] + rows, leftAligned: [0, header.count - 1])
        let files = ModelRegistry.fileLoaders.map { loader in
            "  " + loader.extensions.map { ".\($0)" }.joined(separator: ", ") + "  " + loader.summary
        }
        let legend = "* the default model (render and eval without --model); CHUNKS: frames per model call/hop of the default plan"
        return (table + ["", legend, "", "Model files (--model PATH):"] + files).joined(separator: "\n") + "\n"
    }

    /// The cells of one named model; a model that fails to load says why in its summary.
    private static func row(_ entry: ModelRegistry.Entry) -> [String] {
        let name = entry.name + (entry.name == ModelRegistry.defaultName ? "*" : "")
        let model: any ImpactModel
        do {
            model = try entry.load()
        } catch {
            return [name, "-", "-", "-", "-", "-", "unavailable: \(error.message)"]
        }
        let plan = ChunkPlan.streaming(for: model)
        let parameters = (model as? NSFModel).map { "\($0.config.trainableParameterCount)" } ?? "-"
        return [
            name, "\(model.sampleRate)", "\(model.samplesPerFrame)", "\(model.lookAheadFrames)",
            "\(plan.framesPerChunk)/\(plan.hop)", parameters, entry.summary,
        ]
    }
}
