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
            the request per descriptor: Pearson r and relative L2 error, plus loudness in dB, the \
            decay tail and the flatness ratio (docs/QUALITY.md). With --kit, the curves are instead \
            the real hits (WAV files) of whole kit folders, reported per kit: the kit-split \
            evaluation on instruments the model never saw; each hit is high-passed at 20 Hz (zero \
            phase, as the training data) before it is measured, and its f0 curve is voiced and held as \
            describe does (--voicing hold, what the bundled profiles are measured with; --voicing noise \
            also unpitches noise-like frames; --voicing off plays YIN's raw values), and the request the \
            output is compared with is that curve.
            """)

    /// `--model` and `--config`.
    @OptionGroup var model: ModelOptions

    @Option(parsing: .unconditional, help: "How many control curves to render.")
    var curves = 30

    @Option(help: ArgumentHelp("Evaluate on the WAV hits of this kit folder instead of the library (repeatable).",
                               valueName: "folder"), completion: .directory)
    var kit: [String] = []

    @Option(parsing: .unconditional, help: "With --kit: skip hits shorter than this many frames.")
    var minFrames = 16

    @Option(help: "With --kit: f0 of frames without a stable pitch: hold (the nearest voiced pitch), noise (held, 0 on noise-like frames) or off (YIN's value).")
    var voicing: VoicingChoice = .hold

    @Option(help: ArgumentHelp("Write the JSON report to this file (atomically).", valueName: "report.json"),
            completion: .file(extensions: ["json"]))
    var out: String?

    @Option(parsing: .unconditional, help: "The random seed: picks the curves; curve i renders with seed + i.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...10_000).contains(curves) else { throw ValidationError("--curves must be 1…10000, got \(curves)") }
        guard (1...301).contains(minFrames) else { throw ValidationError("--min-frames must be 1…301, got \(minFrames)") }
    }

    func run() throws {
        let impactModel = try model.load()
        let extractor = try DescriptorExtractor()
        let recordingExtractor = try DescriptorExtractor(settings: voicing.settings)
        let cases = try kit.isEmpty
            ? ControllabilityCase.standardSet(from: try ProfileLibrary.bundled(), count: curves, seed: seed)
            : kit.flatMap { folder throws(NeuroError) in
                try ControllabilityCase.recordings(
                    inKit: URL(fileURLWithPath: folder), extractor: recordingExtractor, minimumFrames: minFrames)
            }
        let evaluation = ControllabilityEvaluation(extractor: extractor)
        let report = try evaluation.run(model: impactModel, cases: cases, seed: seed)
        print(report.table, terminator: "")
        if let out {
            try AtomicFile.write(Array(report.json.utf8), to: URL(fileURLWithPath: out))
        }
    }
}
