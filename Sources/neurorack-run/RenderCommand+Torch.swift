import ArgumentParser
import Foundation
import NeuroAudio
import NeuroCore
import NeuroProfiles
import NeuroTorch

/// `render` with a TorchScript model: latent profiles for `decode`, or `forward` of `--input`.
extension RenderCommand {
    /// Sets the latents of `torch` from the command line and returns the control that plays them.
    ///
    /// Profile A is `--controls`, else `--profile` (default: ``ImpactProfile/defaultName``), profile B
    /// `--morph` (see ``TorchLatentSetup``); CV3–CV5 offset the dimensions of `--latent-dims`
    /// by `--latent-depth` per volt above 1.
    func torchControl(for torch: TorchModel) throws(NeuroError) -> LatentControl {
        try TorchLatentSetup(primary: controls ?? profile, secondary: morph, frames: frames, options: latents).apply(to: torch)
    }

    /// `forward` of the `--input` WAV through the `--model` TorchScript file, written to `--out`.
    func renderForward(_ input: String) throws(NeuroError) {
        let module = try TorchLatents.module(model.nameOrPath, purpose: "render --input", threadCount: threads)
        let codec = try TorchCodec(module: module)
        let audio = try WAVReader.read(from: URL(fileURLWithPath: input)).audio
        let start = ContinuousClock.now
        let samples = try codec.forward(TorchLatents.mono(audio, at: codec.sampleRate))
        let elapsed = (ContinuousClock.now - start).seconds
        let amplitude = Float(pow(10, Double(gain) / 20))
        var output = AudioBuffer(mono: samples.map { $0 * amplitude }, sampleRate: codec.sampleRate)
        if let sampleRate, sampleRate != codec.sampleRate {
            output = try Resampler(from: codec.sampleRate, to: sampleRate).resample(output)
        }
        _ = try WAVWriter(sampleFormat: format).write(output, to: URL(fileURLWithPath: out))
        print("\(out): forward of \(input), \(String(format: "%.2f", output.duration)) s at \(output.format.sampleRate) Hz "
            + "(model \(URL(fileURLWithPath: module.path).lastPathComponent), computed in \(String(format: "%.3f", elapsed)) s)")
    }
}
