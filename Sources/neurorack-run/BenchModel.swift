import Foundation
import NeuroNSF
import NeuroCore
import NeuroSafeTensors

/// Times whole NSF models with a chunk plan through ``ImpactRenderer`` (one call for a whole
/// impact, the engine's streaming plan, the original 16/15): the model-level part of `bench`.
struct BenchModel {
    /// The model timed; its thread count is the one measured.
    let model: NSFModel
    /// The timed impact's control frames.
    let frames: [ControlFrame]

    /// Audio seconds of the timed impact.
    var audioSeconds: Double {
        Double(frames.count * model.samplesPerFrame) / Double(model.sampleRate)
    }

    /// Renders the impact with `plan`; CPU time is the whole process's (all model threads).
    func render(plan: ChunkPlan) throws(NeuroError) -> BenchTiming {
        let stopwatch = BenchStopwatch(cpuScope: .process)
        _ = try ImpactRenderer.render(model: model, frames: frames, seed: 1, plan: plan)
        return stopwatch.elapsed
    }

    /// Floating-point operations of the model's dilated convolutions for one render with `plan`
    /// (chunks that synthesize their overlap compute more samples than the impact has).
    func convolutionFlops(plan: ChunkPlan) -> Double {
        let config = model.config
        let filter = config.filter
        let layers = filter.harmonicDilations.count * filter.harmonicBlockCount
            + filter.noiseDilations.count * filter.noiseBlockCount
        let flopsPerSample = 2 * 3 * config.hiddenDimension * config.hiddenDimension * layers
        let chunks = (0..<plan.chunkCount(totalFrames: frames.count)).map { plan.chunk($0, totalFrames: frames.count) }
        let computedFrames = chunks.reduce(0) { $0 + $1.outputFrames }
        return Double(flopsPerSample) * Double(computedFrames * model.samplesPerFrame)
    }

    /// The plan of one whole-impact call.
    var wholePlan: ChunkPlan {
        get throws(NeuroError) { try ChunkPlan(framesPerChunk: frames.count, hop: frames.count) }
    }

    /// The first `count` frames (all when `nil`) of a safetensors file with a `features` tensor
    /// `[1, T, 7]` or `[T, 7]` in raw units.
    static func frames(from url: URL, count: Int?) throws(NeuroError) -> [ControlFrame] {
        let file = try SafeTensorsFile(contentsOf: url)
        let entry = try file.entry("features")
        let width = Descriptor.allCases.count
        guard entry.shape.last == width, entry.elementCount >= width else {
            throw NeuroError(.invalidData, "\(url.path): tensor 'features' must be [1, T, \(width)] or [T, \(width)], got \(entry.shape)")
        }
        let values = try file.floats("features")
        let available = values.count / width
        let count = count ?? available
        guard available >= count else {
            throw NeuroError(.invalidData, "\(url.path): 'features' has \(available) frames, --frames asks for \(count)")
        }
        let frames = (0..<count).map { ControlFrame(values: values[($0 * width)..<(($0 + 1) * width)]) }
        if let bad = frames.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(.invalidData, "\(url.path): frame \(bad) of 'features' contains NaN or infinity")
        }
        return frames
    }

    /// A plain decaying impact at 220 Hz, for timing when no features are given.
    static func syntheticImpact(frameCount: Int) -> [ControlFrame] {
        (0..<frameCount).map { index in
            let decay = Float(exp(-Double(index) / 40))
            return ControlFrame(
                rms: 0.3 * decay, zcr: 0.05, rolloff: 2500, flatness: 0.05, bandwidth: 1200, centroid: 1100, f0: 220)
        }
    }
}
