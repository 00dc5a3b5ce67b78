import Foundation
import NeuroAudio
import NeuroCore
import NeuroNSF
import NeuroProfiles
import NeuroTorch

/// Latent profiles for TorchScript decoders: `encode` of a WAV file or of the impact a descriptor
/// profile gives.
enum TorchLatents {
    /// `nameOrPath` when it is the path of a `.ts` file that ``TorchPreflight`` loaded in a child process.
    ///
    /// - Parameter purpose: what needs it, for the error: `describe --latents`.
    /// - Throws: `.usage` when it is not a `.ts` path, then the errors of ``TorchPreflight/check(_:environment:)``.
    static func checkedPath(_ nameOrPath: String?, purpose: String) throws(NeuroError) -> String {
        guard let path = nameOrPath, URL(fileURLWithPath: path).pathExtension.lowercased() == "ts" else {
            throw NeuroError(.usage, "\(purpose) needs a TorchScript model FILE.ts, got \(nameOrPath.map { "'\($0)'" } ?? "none")")
        }
        try TorchPreflight.check(path)
        return path
    }

    /// The TorchScript module of a `--model` value, which must be a `.ts` file, computing with `threadCount` threads.
    ///
    /// - Throws: the errors of ``checkedPath(_:purpose:)``, then those of ``TorchModule/init(path:)``.
    static func module(_ nameOrPath: String?, purpose: String, threadCount: Int = 1) throws(NeuroError) -> TorchModule {
        let path = try checkedPath(nameOrPath, purpose: purpose)
        TorchModule.setThreadCount(threadCount)
        return try TorchModule(path: path)
    }

    /// Mono samples of `audio` at `sampleRate`.
    static func mono(_ audio: AudioBuffer, at sampleRate: Int) throws(NeuroError) -> [Float] {
        let mono = audio.downmixedToMono()
        guard mono.format.sampleRate != sampleRate else { return mono.samples }
        return try Resampler(from: mono.format.sampleRate, to: sampleRate).resample(mono.samples)
    }

    /// The latent profile of the WAV file at `path` by `encode` of `module`.
    static func profile(ofWAV path: String, module: TorchModule) throws(NeuroError) -> LatentProfile {
        let codec = try TorchCodec(module: module)
        let audio = try WAVReader.read(from: URL(fileURLWithPath: path)).audio
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try codec.latentProfile(of: mono(audio, at: codec.sampleRate), name: name)
    }

    /// The latent profile of the impact of a descriptor profile: `profile` rendered by the
    /// bundled neural model, then encoded by `module`.
    static func profile(ofImpact profile: ImpactProfile, module: TorchModule) throws(NeuroError) -> LatentProfile {
        let codec = try TorchCodec(module: module)
        let neural = try DefaultNSFModel.load(threadCount: 1)
        let samples = try ImpactRenderer.render(model: neural, frames: profile.frames, seed: 0)
        let audio = AudioBuffer(mono: samples, sampleRate: neural.sampleRate)
        return try codec.latentProfile(of: mono(audio, at: codec.sampleRate), name: profile.name)
    }
}
