// Load the bundled neural model and render an impact with it, chunked as the engine does.
import Foundation
import NeuroCore
import NeuroNSF

let model = try DefaultNSFModel.load()  // Resources/default.safetensors + default.json
let config = model.config
print("\(model.name): hidden \(config.hiddenDimension), \(config.trainableParameterCount) parameters, kernels \(KernelInstructionSet.best)")

// The condition module looks ahead, so the streaming plan gives each chunk more than its hop.
let plan = ChunkPlan.streaming(for: model)
print("look-ahead \(model.lookAheadFrames) frames -> plan \(plan.framesPerChunk)/\(plan.hop)")

// 30 frames (0.7 s) of a low, decaying hit; raw descriptor values, the model normalises them.
let frames = (0..<30).map { index -> ControlFrame in
    let time = Float(index * 512) / 22_050
    let decay = exp(-time / 0.1)
    return ControlFrame(
        rms: 0.15 * decay, zcr: 0.03, rolloff: 800 + 3_000 * decay, flatness: 0.001 + 0.01 * decay,
        bandwidth: 900 + 900 * decay, centroid: 400 + 1_200 * decay, f0: 55 + 50 * decay)
}
let start = ContinuousClock.now
let audio = try ImpactRenderer.render(model: model, frames: frames, seed: 42, plan: plan)
let seconds = Double(audio.count) / Double(model.sampleRate)
print("\(audio.count) samples (\(seconds) s) in \(ContinuousClock.now - start), peak \(audio.map(abs).max() ?? 0)")
