// An impact model of your own, rendered offline and played through the engine with a sample-accurate gate.
import Foundation
import NeuroCore

// A sine whose level follows rms and whose pitch follows f0: the smallest ImpactModel.
final class SineImpactModel: ImpactModel, @unchecked Sendable {
    let name = "sine"
    let sampleRate = 22_050
    let samplesPerFrame = 512
    let descriptorLayout: [Descriptor] = [.rms, .f0]
    let statistics: DescriptorStatistics? = nil
    let maxFramesPerCall = 4096
    private var phase: Float = 0

    func reset(seed: UInt64) { phase = 0 }

    func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        var phase = self.phase
        for index in frames.indices {
            if index == hop { self.phase = phase }  // the stream continues after `hop` frames
            let step = 2 * Float.pi * max(frames[index].f0, 0) / Float(sampleRate)
            for offset in 0..<samplesPerFrame {
                phase = (phase + step).truncatingRemainder(dividingBy: 2 * .pi)
                output[index * samplesPerFrame + offset] = frames[index].rms * Float(2).squareRoot() * sin(phase)
            }
        }
        if hop == frames.count { self.phase = phase }
    }
}

// 40 frames (0.93 s): the level decays, the pitch falls from 220 Hz to 110 Hz.
let frames = (0..<40).map { index -> ControlFrame in
    let time = Float(index * 512) / 22_050
    return ControlFrame(
        rms: 0.3 * exp(-time / 0.15), zcr: 0.02, rolloff: 2_000, flatness: 0.001,
        bandwidth: 800, centroid: 600, f0: 110 * (1 + exp(-time / 0.05)))
}
let profile = ImpactProfile(name: "falling-sine", frames: frames)

// Offline: CV4 = 2 V doubles the flatness; the renderer cuts the impact into chunks like the engine.
var cv = CVState()
cv[4] = 2
let control = LatentControl(primary: profile)
let model = SineImpactModel()
let plan = ChunkPlan.streaming(for: model)
let controlled = control.frames(cv: cv)
let audio = try ImpactRenderer.render(model: model, frames: controlled, seed: 1)
print("CV4 = 2 V: flatness \(profile.frames[0].flatness) -> \(controlled[0].flatness)")
print("offline: \(audio.count) samples in \(plan.chunkCount(totalFrames: frames.count)) chunks of \(plan.framesPerChunk) frames")

// Live: a gate starts the impact 37 samples into the next period. A host calls engine.start()
// to generate on the engine's own thread; here generatePendingWork() does it inline.
let engine = try Engine(model: SineImpactModel(), control: control)
try engine.generatePendingWork()
engine.handle(.gatePlay(velocity: 1, offset: 37))
var period = [Float](repeating: 0, count: 256)
do {
    var output = period.mutableSpan
    engine.render(into: &output)  // on a real host: the audio thread, once per period
}
let firstSound = period.firstIndex { $0 != 0 } ?? -1
print("live: first sound at sample \(firstSound) of the period; \(engine.counters.impactsStarted) impacts generated")
