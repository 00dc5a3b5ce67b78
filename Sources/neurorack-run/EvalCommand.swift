import ArgumentParser
import Foundation
import NeuroCore
import NeuroFiles
import NeuroProfiles
import NeuroAnalysis

/// `neurorack-run eval`: how faithfully a model follows its control curves.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure controllability: render control curves, re-measure the audio, compare.",
        discussion: """
            The curves cycle through measured library profiles, morphs between two profiles (CV2) \
            and CV3–CV5 sweeps (Tone, Noise, Richness from ×0.25 to ×2). Each is rendered as the \
            engine streams it, measured with the librosa-compatible descriptors, and compared with \
            the request per descriptor: Pearson r and relative L2 error (docs/QUALITY.md).
            """)

    /// `--model` and `--config`.
    @OptionGroup var model: ModelOptions

    @Option(parsing: .unconditional, help: "How many control curves to render.")
    var curves = 30

    @Option(help: ArgumentHelp("Write the JSON report to this file (atomically).", valueName: "report.json"),
            completion: .file(extensions: ["json"]))
    var out: String?

    @Option(parsing: .unconditional, help: "The random seed: picks the curves; curve i renders with seed + i.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...10_000).contains(curves) else { throw ValidationError("--curves must be 1…10000, got \(curves)") }
    }

    func run() throws {
        let impactModel = try model.load()
        let library = try ProfileLibrary.bundled()
        let cases = ControllabilityCase.standardSet(from: library, count: curves, seed: seed)
        let evaluation = ControllabilityEvaluation(extractor: try DescriptorExtractor())
        let report = try evaluation.run(model: impactModel, cases: cases, seed: seed)
        print(report.table, terminator: "")
        if let out {
            try AtomicFile.write(Array(report.json.utf8), to: URL(fileURLWithPath: out))
        }
    }
}
