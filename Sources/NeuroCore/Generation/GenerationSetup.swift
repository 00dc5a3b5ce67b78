/// A model with the chunk plan it runs, the conversion to the engine's output rate and the
/// buffers one impact needs: what the generation thread works with, built (and checked) on a
/// control thread and handed over whole.
struct GenerationSetup: @unchecked Sendable {
    /// The model; only the generation thread calls it once the setup is handed over.
    let model: any ImpactModel
    /// How impacts are cut into model calls.
    let plan: ChunkPlan
    /// Converts the model's rate to the output rate; `nil` when they are equal.
    let resampler: Resampler?
    /// Control frames of one chunk.
    var frameBuffer: [ControlFrame]
    /// Model output of one chunk.
    var scratch: [Float]
    /// A whole impact at the model's rate, converted into the cache as its samples become final
    /// (empty when no conversion is needed: chunks then go straight into the cache).
    var modelRateImpact: [Float]

    /// Checks that `model` can generate impacts of up to `maxFramesPerImpact` frames into slots of
    /// `slotCapacity` samples at `outputRate` with `plan` (`nil`: ``ChunkPlan/streaming(for:)``),
    /// and allocates the buffers.
    ///
    /// - Throws: `.invalidData` naming the model and the limit it breaks.
    init(model: any ImpactModel, plan: ChunkPlan?, maxFramesPerImpact: Int, outputRate: Int, slotCapacity: Int) throws(NeuroError) {
        let plan = plan ?? .streaming(for: model)
        let framesPerCall = try plan.framesPerCall(for: model, impactFrames: maxFramesPerImpact)
        let resampler = try Self.resampler(for: model, outputRate: outputRate)
        let modelSamples = maxFramesPerImpact * model.samplesPerFrame
        let outputSamples = resampler?.outputCount(forInputCount: modelSamples) ?? modelSamples
        guard outputSamples <= slotCapacity else {
            throw NeuroError(
                .invalidData,
                "\(model.name): impacts of \(maxFramesPerImpact) frames need \(outputSamples) samples per cache slot, the cache has \(slotCapacity)")
        }
        self.model = model
        self.plan = plan
        self.resampler = resampler
        frameBuffer = [ControlFrame](repeating: .silence, count: framesPerCall)
        scratch = [Float](repeating: 0, count: framesPerCall * model.samplesPerFrame)
        modelRateImpact = resampler == nil ? [] : [Float](repeating: 0, count: modelSamples)
    }

    /// Output samples of an impact of `frameCount` frames.
    func outputLength(frames frameCount: Int) -> Int {
        let modelSamples = frameCount * model.samplesPerFrame
        return resampler?.outputCount(forInputCount: modelSamples) ?? modelSamples
    }

    /// The cache slot size impacts of `maxFramesPerImpact` frames of `model` need at `outputRate`.
    ///
    /// - Throws: `.invalidData` when the model's rate cannot be converted.
    static func slotCapacity(for model: any ImpactModel, maxFramesPerImpact: Int, outputRate: Int) throws(NeuroError) -> Int {
        let modelSamples = maxFramesPerImpact * max(model.samplesPerFrame, 1)
        return try resampler(for: model, outputRate: outputRate)?.outputCount(forInputCount: modelSamples) ?? modelSamples
    }

    private static func resampler(for model: any ImpactModel, outputRate: Int) throws(NeuroError) -> Resampler? {
        guard model.sampleRate != outputRate else { return nil }
        do {
            return try Resampler(from: model.sampleRate, to: outputRate)
        } catch {
            throw NeuroError(.invalidData, "\(model.name): cannot convert \(model.sampleRate) Hz to \(outputRate) Hz (\(error.message))")
        }
    }

    /// Generates `chunk` of an impact of `impactFrames` frames from `control` and `cv`, and writes
    /// the output-rate samples that became final into `output`, from `published` on.
    ///
    /// Without conversion the chunk is generated straight into `output`; with it, into the
    /// model-rate impact, whose newly final part is then converted.
    ///
    /// - Returns: the number of final samples of `output` (the count to publish).
    /// - Throws: what the model throws, `.modelFailure` for NaN or infinity (see `ChunkPlan.Chunk.generate`).
    mutating func generate(
        _ chunk: ChunkPlan.Chunk, impactFrames: Int, control: LatentControl, cv: CVState,
        into output: UnsafeMutableBufferPointer<Float>, published: Int
    ) throws(NeuroError) -> Int {
        for (offset, frameIndex) in chunk.frames.enumerated() {
            frameBuffer[offset] = control.frame(at: frameIndex, cv: cv)
        }
        // The written buffers are moved out for the call (an empty array allocates nothing), so
        // that their spans do not overlap the read of `frameBuffer`.
        var scratch: [Float] = []
        var impact: [Float] = []
        swap(&scratch, &self.scratch)
        swap(&impact, &modelRateImpact)
        defer {
            swap(&scratch, &self.scratch)
            swap(&impact, &modelRateImpact)
        }
        var scratchSpan = scratch.mutableSpan
        let frames = frameBuffer.span.extracting(0..<chunk.frames.count)
        let finalModelSamples = chunk.finalSampleCount(samplesPerFrame: model.samplesPerFrame)
        guard let resampler else {
            var impactSpan = unsafe output.mutableSpan
            try chunk.generate(with: model, frames: frames, scratch: &scratchSpan, into: &impactSpan)
            return finalModelSamples
        }
        var impactSpan = impact.mutableSpan
        try chunk.generate(with: model, frames: frames, scratch: &scratchSpan, into: &impactSpan)
        let available = resampler.availableOutputCount(finalInputCount: finalModelSamples, isComplete: chunk.isLast)
        var region = unsafe UnsafeMutableBufferPointer(rebasing: output[published..<available]).mutableSpan
        resampler.resample(
            impact.span, inputCount: impactFrames * model.samplesPerFrame, outputRange: published..<available, into: &region)
        return available
    }
}
