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
            f0 is voiced and held by default (--voicing hold): frames without a stable pitch (YIN's \
            aperiodicity ≥ 0.35, more than 40 dB below the loudest frame, or in a run of fewer than 3) \
            keep the nearest voiced frame's pitch, voiced frames the 5-frame log-median, so a profile \
            of a cymbal does not jump in pitch; this is how the default model's training data and the \
            bundled profiles are measured. --voicing noise holds too, but gives f0 = 0 to noise-like \
            frames (aperiodicity ≥ 0.35 in runs of 3 or more, at any level), for models trained on such \
            curves (training/voicing.py mode noise). --voicing off gives YIN's value on every frame, as librosa. \
            The file is read block by block (any length); the SVG's waveform is the lowest and highest \
            sample of each pixel column. \
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

    @Option(help: "f0 of frames without a stable pitch: hold (the nearest voiced pitch; the default), noise (held, 0 on noise-like frames) or off (YIN's value, as librosa).")
    var voicing: VoicingChoice?

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
        if latents && voicing != nil { throw ValidationError("--voicing is for descriptors, not --latents") }
    }

    func run() throws {
        if latents {
            let module = try TorchLatents.module(model, purpose: "describe --latents")
            return try emit(LatentProfileFile.json(try TorchLatents.profile(ofWAV: file, module: module)))
        }
        let extractor = try DescriptorExtractor(settings: (voicing ?? .hold).settings)
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let plot = ProfilePlot()
        let (measured, waveform) = try Self.measure(
            file, name: name, waveformColumns: format == .svg ? plot.waveformColumns : 0, with: extractor)
        var profile = measured
        if modelFeatures { profile.frames = profile.modelFeatures }
        let text = switch format {
        case .csv: ProfileTextFormats.csv(profile)
        case .json: ProfileTextFormats.json(profile)
        case .svg: plot.svg(profile, envelope: waveform)
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

    /// The curves and the waveform envelope of the WAV file at `path`: a regular file is read
    /// block by block (bounded memory for any length); a FIFO or device is read whole, up to the
    /// input limit.
    private static func measure(
        _ path: String, name: String, waveformColumns: Int, with extractor: DescriptorExtractor
    ) throws(NeuroError) -> (ImpactProfile, WaveformEnvelope) {
        let url = URL(fileURLWithPath: path)
        guard isRegularFile(path) else {
            let signal = try extractor.loadSignal(from: url)
            return (try extractor.profile(of: signal, name: name), WaveformEnvelope(columnCount: waveformColumns, samples: signal))
        }
        return try extractor.profile(ofFileAt: url, name: name, waveformColumns: waveformColumns)
    }

    /// Whether `path` names a regular file (which can be streamed), not a FIFO or device.
    private static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
    }
}
