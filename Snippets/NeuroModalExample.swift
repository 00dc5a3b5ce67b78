// Render an impact with the modal synthesizer: no weights, deterministic for a seed.
import Foundation
import NeuroCore
import NeuroModal

// 30 frames (0.7 s) of a pitched, decaying hit: 180 Hz, a little noise, bright attack.
let frames = (0..<30).map { index -> ControlFrame in
    let time = Float(index * 512) / 22_050
    let decay = exp(-time / 0.12)
    return ControlFrame(
        rms: 0.2 * decay, zcr: 0.05, rolloff: 1_500 + 3_000 * decay, flatness: 0.002 + 0.02 * decay,
        bandwidth: 900, centroid: 700 + 1_500 * decay, f0: 180)
}

let model = ModalImpactModel()
let plan = ChunkPlan.streaming(for: model)  // 16 frames per call, hop 15: no look-ahead
let audio = try ImpactRenderer.render(model: model, frames: frames, seed: 7)
let again = try ImpactRenderer.render(model: model, frames: frames, seed: 7)
let other = try ImpactRenderer.render(model: model, frames: frames, seed: 8)

let peak = audio.map(abs).max() ?? 0
print("\(model.name): \(audio.count) samples at \(model.sampleRate) Hz, \(ModalImpactModel.modeCount) modes, plan \(plan.framesPerChunk)/\(plan.hop)")
print("peak \(peak); same seed identical: \(audio == again); seed 8 differs: \(audio != other)")
