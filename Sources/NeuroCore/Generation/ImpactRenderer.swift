/// Offline rendering of a whole impact, chunk by chunk, exactly as the real-time engine would.
///
/// Used by `neurorack-run render` and by tests. Runs on the caller's thread and allocates freely.
public struct ImpactRenderer {
    /// Renders `frames` with `model` and returns `frames.count · model.samplesPerFrame` samples.
    ///
    /// The model is reset with `seed`, then called once per chunk of `plan` (with
    /// `advancing: plan.hop` for every chunk but the last); chunks are joined with the plan's
    /// linear cross-fade. Impacts shorter than one chunk take a single call.
    ///
    /// - Parameters:
    ///   - model: the impact model; it is reset, so any previous impact is abandoned.
    ///   - frames: raw control frames; an empty array gives an empty result.
    ///   - seed: the random seed passed to ``ImpactModel/reset(seed:)``.
    ///   - plan: how to cut the impact into model calls; `nil` (the default) takes
    ///     ``ChunkPlan/streaming(for:)`` of the model, as the engine does.
    ///   - progress: called after each chunk with the fraction done (0…1], on the caller's thread.
    /// - Throws: `.invalidData` when the model cannot take the plan's chunk size or has no samples
    ///   per frame, what the model throws, and `.modelFailure` when it produces NaN or infinity.
    public static func render(
        model: any ImpactModel,
        frames: [ControlFrame],
        seed: UInt64,
        plan: ChunkPlan? = nil,
        progress: (Double) -> Void = { _ in }
    ) throws(NeuroError) -> [Float] {
        guard !frames.isEmpty else { return [] }
        let plan = plan ?? .streaming(for: model)
        let framesPerCall = try plan.framesPerCall(for: model, impactFrames: frames.count)
        let samplesPerFrame = model.samplesPerFrame

        model.reset(seed: seed)
        var impact = [Float](repeating: 0, count: frames.count * samplesPerFrame)
        var scratch = [Float](repeating: 0, count: framesPerCall * samplesPerFrame)
        let chunkCount = plan.chunkCount(totalFrames: frames.count)
        let frameSpan = frames.span
        var impactSpan = impact.mutableSpan
        var scratchSpan = scratch.mutableSpan
        for index in 0..<chunkCount {
            let chunk = plan.chunk(index, totalFrames: frames.count)
            try chunk.generate(
                with: model, frames: frameSpan.extracting(chunk.frames),
                scratch: &scratchSpan, into: &impactSpan)
            progress(Double(index + 1) / Double(chunkCount))
        }
        return impact
    }
}
