/// A model with the chunk plan it runs and the buffers one chunk needs: what the generation
/// thread works with, built (and checked) on a control thread and handed over whole.
struct GenerationSetup: @unchecked Sendable {
    /// The model; only the generation thread calls it once the setup is handed over.
    let model: any ImpactModel
    /// How impacts are cut into model calls.
    let plan: ChunkPlan
    /// Control frames of one chunk.
    var frameBuffer: [ControlFrame]
    /// Model output of one chunk.
    var scratch: [Float]

    /// Checks that `model` can generate impacts of up to `maxFramesPerImpact` frames into slots of
    /// `slotCapacity` samples with `plan` (`nil`: ``ChunkPlan/streaming(for:)``), and allocates the buffers.
    ///
    /// - Throws: `.invalidData` naming the model and the limit it breaks.
    init(model: any ImpactModel, plan: ChunkPlan?, maxFramesPerImpact: Int, slotCapacity: Int) throws(NeuroError) {
        let plan = plan ?? .streaming(for: model)
        let framesPerCall = try plan.framesPerCall(for: model, impactFrames: maxFramesPerImpact)
        guard maxFramesPerImpact * model.samplesPerFrame <= slotCapacity else {
            throw NeuroError(
                .invalidData,
                "\(model.name): impacts of \(maxFramesPerImpact) frames need \(maxFramesPerImpact * model.samplesPerFrame) samples per cache slot, the cache has \(slotCapacity)")
        }
        self.model = model
        self.plan = plan
        frameBuffer = [ControlFrame](repeating: .silence, count: framesPerCall)
        scratch = [Float](repeating: 0, count: framesPerCall * model.samplesPerFrame)
    }
}
