import Foundation
import NeuroCore

/// A model whose every sample of a frame is that frame's `rms`: what a render loop delivers is easy to predict.
final class StepImpactModel: ImpactModel, @unchecked Sendable {
    let name = "step"
    let sampleRate = 22_050
    let samplesPerFrame = 64
    let descriptorLayout = Descriptor.allCases
    let statistics: DescriptorStatistics? = nil
    let maxFramesPerCall = 64

    func reset(seed: UInt64) {}

    func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        for index in output.indices {
            output[index] = frames[index / samplesPerFrame].rms
        }
    }

    /// An engine playing `frames` frames of this model at rms 0.5, volume ramp off, generated ahead.
    static func readyEngine(frames: Int = 10) throws -> Engine {
        let profile = ImpactProfile(name: "step", frames: Array(repeating: ControlFrame(values: [0.5, 0, 0, 0, 0, 0, 0]), count: frames))
        let engine = try Engine(
            model: StepImpactModel(), control: LatentControl(primary: profile),
            configuration: Engine.Configuration(volumeRampDuration: 0, maxFramesPerImpact: frames))
        engine.start()
        try engine.waitForCurrentImpact()
        return engine
    }
}
