extension ChunkPlan.Chunk {
    /// Generates this chunk with `model` and writes it into the impact, cross-fading its head
    /// with the previous chunk's tail already stored there.
    ///
    /// This is the one place chunked generation happens; the offline ``ImpactRenderer`` and the
    /// real-time generation scheduler both call it. The head of the chunk is blended as
    /// `previous · (1 − w) + current · w` with `w` rising linearly from 0 to 1 over
    /// `crossfadeFrames · samplesPerFrame` samples (both ends included, like `np.linspace`).
    /// Only samples below ``finalSampleCount(samplesPerFrame:)`` are final afterwards.
    ///
    /// - Parameters:
    ///   - model: the model, already reset for this impact and fed every earlier chunk in order.
    ///   - controlFrames: the chunk's control frames (the `frames:` argument), exactly `frames.count` of them.
    ///   - scratch: at least `outputFrames · samplesPerFrame` samples the model writes into.
    ///   - impact: the whole impact, at least `frames.upperBound · samplesPerFrame` samples.
    /// - Throws: whatever the model throws, and `.modelFailure` when it produces NaN or infinity;
    ///   the impact is then left untouched.
    public func generate(
        with model: any ImpactModel,
        frames controlFrames: Span<ControlFrame>,
        scratch: inout MutableSpan<Float>,
        into impact: inout MutableSpan<Float>
    ) throws(NeuroError) {
        let samplesPerFrame = model.samplesPerFrame
        let sampleCount = outputFrames * samplesPerFrame
        precondition(controlFrames.count == frames.count, "chunk \(index) needs \(frames.count) control frames")
        precondition(scratch.count >= sampleCount, "chunk scratch holds \(scratch.count) samples, needs \(sampleCount)")
        let first = firstSample(samplesPerFrame: samplesPerFrame)
        precondition(impact.count >= first + sampleCount, "impact buffer too short for chunk \(index)")

        try scratch.withUnsafeMutableBufferPointer { (buffer) throws(NeuroError) in
            var region = unsafe UnsafeMutableBufferPointer(rebasing: buffer[0..<sampleCount]).mutableSpan
            try model.generate(frames: controlFrames, advancing: advance, into: &region)
        }
        for offset in 0..<sampleCount where !scratch[offset].isFinite {
            throw NeuroError(
                .modelFailure,
                "\(model.name): produced NaN or infinity at sample \(offset) of chunk \(index) (frames \(frames.lowerBound)..<\(frames.upperBound))")
        }

        let crossfadeCount = min(crossfadeFrames * samplesPerFrame, sampleCount)
        let step: Float = crossfadeCount > 1 ? 1 / Float(crossfadeCount - 1) : 1
        for offset in 0..<crossfadeCount {
            let weight = crossfadeCount > 1 ? Float(offset) * step : 1
            let previous = impact[first + offset]
            impact[first + offset] = previous + (scratch[offset] - previous) * weight
        }
        for offset in crossfadeCount..<sampleCount {
            impact[first + offset] = scratch[offset]
        }
    }
}
