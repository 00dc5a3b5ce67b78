import ArgumentParser
import Foundation
import NeuroCore
import NeuroFiles
import NeuroProfiles
import NeuroAnalysis
import NeuroTorch

/// `neurorack-run describe`: the seven descriptor curves of a WAV file, as CSV, JSON or an SVG plot.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Measure the seven descriptor curves of a WAV file (librosa-compatible).",
        discussion: """
            The file is mixed to mono and resampled to 22 050 Hz; frames are 2048 samples every 512 \
            (centred, as librosa). JSON: one object with "name", "sample_rate", "hop", "frames" and an \
            array per descriptor ("rms", "zcr", "rolloff", "flatness", "bandwidth", "centroid", "f0"; \
            null where undefined), keys sorted; CSV: one line per frame; SVG: waveform and curves. \
            CSV and JSON read the file block by block (any length); SVG holds the signal (files up to 1 GiB). \
            With --latents --model FILE.ts (a build with --traits Torch) it writes the latent profile \
            the TorchScript model's encode gives instead (JSON: name, dimension, frame_rate, frames), \
            for render --controls / --morph with that model.
            """)

    /// The output forms of `describe`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, svg
    }

    @Argument(help: "The WAV file to analyse (16/24-bit or float, any rate and channel count).", completion: .file())
    var file: String

    @Option(help: "Output form: csv, json or svg.")
    var format: Format = .json

    @Option(help: "Write to this file (atomically) instead of standard output.", completion: .file())
    var out: String?

    @Flag(help: "Drop the last frame and replace NaN by 1, as the original model's training features did.")
    var modelFeatures = false

    @Flag(help: "Write the latent profile of the --model TorchScript file's encode instead of descriptors (JSON).")
    var latents = false

    @Option(help: ArgumentHelp("With --latents: the TorchScript model whose encode makes the latent profile.", valueName: "file.ts"),
            completion: .file(extensions: ["ts"]))
    var model: String?

    func validate() throws {
        if model != nil && !latents { throw ValidationError("--model goes with --latents") }
        if latents && format != .json { throw ValidationError("--latents writes JSON; --format \(format.rawValue) is for descriptors") }
        if latents && modelFeatures { throw ValidationError("--model-features is for descriptors, not --latents") }
    }

    func run() throws {
        if latents {
            let module = try TorchLatents.module(model, purpose: "describe --latents")
            return try emit(LatentProfileFile.json(try TorchLatents.profile(ofWAV: file, module: module)))
        }
        let extractor = try DescriptorExtractor()
        let url = URL(fileURLWithPath: file)
        let name = url.deletingPathExtension().lastPathComponent
        // The plot draws the whole waveform, so it needs the signal; the curves alone are measured
        // while the file streams by (bounded memory for files of any length).
        let signal = format == .svg || !Self.isRegularFile(file) ? try extractor.loadSignal(from: url) : nil
        var profile = try signal.map { (signal) throws(NeuroError) in try extractor.profile(of: signal, name: name) }
            ?? extractor.profile(ofFileAt: url, name: name)
        if modelFeatures { profile.frames = profile.modelFeatures }
        let text = switch format {
        case .csv: ProfileTextFormats.csv(profile)
        case .json: ProfileTextFormats.json(profile)
        case .svg: ProfilePlot().svg(profile, waveform: signal)
        }
        try emit(text)
    }

    /// Writes `text` to `--out` (atomically) or standard output.
    private func emit(_ text: String) throws(NeuroError) {
        if let out {
            try AtomicFile.write(Array(text.utf8), to: URL(fileURLWithPath: out))
        } else {
            print(text, terminator: "")
        }
    }

    /// Whether `path` names a regular file (which can be streamed), not a FIFO or device.
    private static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
    }
}
