import ArgumentParser
import Foundation
import Logging
import NeuroCore
import NeuroAudio
import NeuroProfiles
import NeuroTorch

extension WAVSampleFormat: ExpressibleByArgument {}

/// `neurorack-run render`: one impact, rendered offline exactly as the engine would stream it,
/// written atomically to a WAV file.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one impact to a WAV file.",
        discussion: """
            The controls are a named profile (--profile, default \(ImpactProfile.defaultName)) or a \
            file of descriptor curves (--controls), optionally morphed towards a second profile \
            (--morph, --alpha) and scaled by the module's CV3–CV5 (--cv3 --cv4 --cv5). The model \
            generates them chunk by chunk as the engine streams them: hop 15 frames, each call \
            extended by the model's look-ahead (21 frames for the neural models), or the original \
            module's 16 frames per call with --chunking original. Built-in profiles: \
            \(BuiltinProfiles.names.joined(separator: ", ")); `neurorack-run profiles` lists the \
            measured ones. Exit codes: 64 usage, 65 bad data, 66 missing input, 69 unavailable, \
            73 cannot write. A TorchScript model (--model FILE.ts, built with --traits Torch) \
            takes latent profiles: --controls (else --profile) and --morph are latent profile JSON \
            (describe --latents) or descriptor profiles whose impact (by the bundled neural model) \
            the model encodes, CV3–CV5 offset the \
            dimensions of --latent-dims; --input IN.wav runs its forward instead (docs/TORCH.md).
            """)

    @Option(help: ArgumentHelp("The WAV file to write (atomically: no partial file on failure).", valueName: "file.wav"),
            completion: .file(extensions: ["wav"]))
    var out = "impact.wav"

    /// `--model` and `--config`.
    @OptionGroup var model: ModelOptions

    @Option(help: ArgumentHelp("The profile to play (default: \(ImpactProfile.defaultName)).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp(
        "Descriptor curves instead of a profile: CSV with the header rms,zcr,rolloff,flatness,bandwidth,centroid,f0 and one row per frame, or profile JSON.",
        valueName: "file.csv"),
            completion: .file(extensions: ["csv", "json"]))
    var controls: String?

    @Option(help: ArgumentHelp("A second profile (name, or CSV/JSON file) to morph towards.", valueName: "name|file"))
    var morph: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The morph position: 0 = the first profile, 1 = the --morph one (default 0.5, as CV2 at 0 V).", valueName: "0…1"))
    var alpha: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("CV3 in volts: scales Tone (roll-off) by the voltage clamped to 0…4 (unpatched: ×1).", valueName: "volts"))
    var cv3: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("CV4 in volts: scales Noise (flatness) by the voltage clamped to 0…4.", valueName: "volts"))
    var cv4: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("CV5 in volts: scales Richness (bandwidth) by the voltage clamped to 0…4.", valueName: "volts"))
    var cv5: Float?

    @Option(parsing: .unconditional, help: ArgumentHelp("Length of the impact in frames of 512 samples; the curves are stretched to it (default: the profile's length).", valueName: "count"))
    var frames: Int?

    @Option(help: ArgumentHelp(
        "Chunking: lookahead (hop 15 plus the model's look-ahead, as the engine) or original (16 frames, hop 15, as the module).",
        valueName: "lookahead|original"))
    var chunking: RenderChunking = .lookahead

    @Option(parsing: .unconditional, help: "The random seed: the same seed and controls give the same audio.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Resample the output to this rate in Hz (default: the model's rate, 22050).", valueName: "hz"))
    var sampleRate: Int?

    @Option(help: "Sample format: s16 (dithered), s24 (dithered) or f32.")
    var format: WAVSampleFormat = .int16

    @Option(parsing: .unconditional, help: ArgumentHelp("Gain in dB applied before writing (integer formats clip at full scale).", valueName: "dB"))
    var gain: Float = 0

    @Option(parsing: .unconditional, help: "Threads computing one model call (an NSF model's frame pipeline or layer rows, libtorch).")
    var threads: Int = 1

    @Option(help: ArgumentHelp("TorchScript models: run forward on this WAV file (audio to audio) instead of decoding latents.", valueName: "in.wav"),
            completion: .file(extensions: ["wav"]))
    var input: String?

    /// `--latent-dims` and `--latent-depth`.
    @OptionGroup(title: "TorchScript latents") var latents: TorchLatentOptions

    func validate() throws {
        if profile != nil && controls != nil {
            throw ValidationError("give either --profile or --controls, not both")
        }
        if let alpha {
            guard morph != nil else { throw ValidationError("--alpha needs --morph (the profile to morph towards)") }
            guard alpha.isFinite, (0...1).contains(alpha) else { throw ValidationError("--alpha must be 0…1, got \(alpha)") }
        }
        for (name, volts) in [("--cv3", cv3), ("--cv4", cv4), ("--cv5", cv5)] {
            if let volts, !(volts.isFinite && CVState.voltageRange.contains(volts)) {
                throw ValidationError("\(name) must be \(CVState.voltageRange.lowerBound)…\(CVState.voltageRange.upperBound) V, got \(volts)")
            }
        }
        if let frames, !(1...ProfileFile.maxFrames).contains(frames) {
            throw ValidationError("--frames must be 1…\(ProfileFile.maxFrames), got \(frames)")
        }
        if let sampleRate, !(1_000...384_000).contains(sampleRate) {
            throw ValidationError("--sample-rate must be 1000…384000 Hz, got \(sampleRate)")
        }
        guard gain.isFinite, (-120...60).contains(gain) else {
            throw ValidationError("--gain must be -120…60 dB, got \(gain)")
        }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1…64, got \(threads)") }
    }

    func run() async throws {
        let logger = Logger(label: "neurorack.render")
        if let input {
            return try renderForward(input)
        }
        let impactModel = try model.load(threadCount: threads)
        let control = if let torch = impactModel as? TorchModel { try torchControl(for: torch) } else { try latentControl() }
        var cv = CVState()
        if morph != nil {
            cv[2] = CVState.morphVoltage(alpha: alpha ?? 0.5)
        }
        cv[3] = cv3
        cv[4] = cv4
        cv[5] = cv5
        let plan = chunking.plan(for: impactModel)
        try Self.checkSize(frames: control.frameCount, of: impactModel, outputRate: sampleRate ?? impactModel.sampleRate)

        var progressBar = ProgressBar(label: "rendering")
        let start = ContinuousClock.now
        let samples = try ImpactRenderer.render(
            model: impactModel, frames: control.frames(cv: cv), seed: seed, plan: plan,
            progress: { progressBar.update($0) })
        let elapsed = ContinuousClock.now - start
        progressBar.finish()

        let amplitude = Float(pow(10, Double(gain) / 20))
        var audio = AudioBuffer(mono: samples.map { $0 * amplitude }, sampleRate: impactModel.sampleRate)
        if let sampleRate, sampleRate != impactModel.sampleRate {
            audio = try Resampler(from: impactModel.sampleRate, to: sampleRate).resample(audio)
        }
        let clipped = try WAVWriter(sampleFormat: format).write(audio, to: URL(fileURLWithPath: out))
        if clipped > 0 {
            logger.warning("\(clipped) samples beyond full scale were clipped; lower --gain or use --format f32")
        }
        // The peak of what the file holds: integer formats clip at full scale.
        let rawPeak = audio.samples.reduce(0) { max($0, abs($1)) }
        let peak = format.isInteger ? min(rawPeak, 1) : rawPeak
        let peakText = peak > 0 ? String(format: "%.1f dBFS", 20 * log10(Double(peak))) : "silent"
        let seconds = elapsed.seconds
        let speed = seconds > 0 ? String(format: ", %.0f× real time", audio.duration / seconds) : ""
        print("\(out): \(control.frameCount) frames, \(String(format: "%.2f", audio.duration)) s at \(audio.format.sampleRate) Hz, "
            + "\(format.rawValue), peak \(peakText) (model \(impactModel.name), seed \(seed), chunks \(plan.framesPerChunk)/\(plan.hop); generated in "
            + "\(String(format: "%.3f", seconds)) s\(speed))")
    }

    /// The most samples a render may produce (at the output rate): 2²⁶, about 50 minutes at
    /// 22 050 Hz, so that its buffers (impact, resampled audio, file bytes) stay below about 1 GB.
    static let maxOutputSamples = 1 << 26

    /// Checks before any work that the render fits ``maxOutputSamples``.
    ///
    /// - Throws: `.usage` naming the frames, the model's samples per frame, the rate and the limit.
    static func checkSize(frames: Int, of model: any ImpactModel, outputRate: Int) throws(NeuroError) {
        let modelSamples = Double(frames) * Double(model.samplesPerFrame)
        let outputSamples = modelSamples * Double(outputRate) / Double(max(model.sampleRate, 1))
        guard outputSamples <= Double(maxOutputSamples) else {
            throw NeuroError(
                .usage,
                "render: \(frames) frames × \(model.samplesPerFrame) samples at \(outputRate) Hz is \(Int(outputSamples)) samples, more than the limit of \(maxOutputSamples) (lower --frames or --sample-rate)")
        }
    }

    /// The profiles and morph of the command line, stretched to `--frames`, for a descriptor model.
    private func latentControl() throws(NeuroError) -> LatentControl {
        try latents.checkUnused(by: model.nameOrPath ?? ModelRegistry.defaultName)
        var primary = if let controls {
            try ProfileFile.read(controls)
        } else {
            try ImpactProfile.named(profile ?? ImpactProfile.defaultName)
        }
        if let frames {
            primary = primary.resampled(toFrameCount: frames)
        }
        guard let morph else { return LatentControl(primary: primary) }
        return LatentControl(primary: primary, secondary: try ProfileFile.profile(nameOrFile: morph))
    }
}
