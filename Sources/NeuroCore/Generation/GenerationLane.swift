/// One generation thread's share of the scheduler: its model instance with buffers and the
/// impact it is generating. Only that thread touches it (or a test stepping the scheduler by hand).
final class GenerationLane: @unchecked Sendable {
    /// An impact being generated.
    struct Job {
        var impact: ImpactCache.Reference
        var frameCount: Int
        var nextChunk = 0
        var isPromoted: Bool
        /// ``LiveControls/Handle/controlChangeCount`` when the impact started.
        var controlChanges: Int
        /// The transposition in cents when the impact started, kept for all its chunks (a note's pitch).
        var transposition: Int
        /// Output samples already in the cache (converted to the output rate).
        var publishedSamples = 0
    }

    /// The lane's position among the scheduler's lanes.
    let index: Int
    /// The model and buffers; `nil` for a lane retired by a swap to a model that cannot be copied.
    var setup: GenerationSetup?
    /// The impact in progress, if any.
    var job: Job?

    /// A lane at `index` generating with `setup`.
    init(index: Int, setup: GenerationSetup?) {
        self.index = index
        self.setup = setup
    }

    /// The setups for `threadCount` lanes: `model` first, then independent copies of it while the
    /// model makes them (``ImpactModel/makeIndependentCopy()``); `nil` for the lanes it cannot fill.
    ///
    /// - Throws: what ``GenerationSetup`` or the copy throws.
    static func setups(
        for model: any ImpactModel, threadCount: Int, plan: ChunkPlan?, maxFramesPerImpact: Int, outputRate: Int,
        slotCapacity: Int
    ) throws(NeuroError) -> [GenerationSetup?] {
        var models: [any ImpactModel] = [model]
        while models.count < threadCount, let copy = try model.makeIndependentCopy() {
            models.append(copy)
        }
        var setups: [GenerationSetup?] = []
        for model in models {
            setups.append(try GenerationSetup(
                model: model, plan: plan, maxFramesPerImpact: maxFramesPerImpact, outputRate: outputRate,
                slotCapacity: slotCapacity))
        }
        return setups + [GenerationSetup?](repeating: nil, count: threadCount - models.count)
    }
}
