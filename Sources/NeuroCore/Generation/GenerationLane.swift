/// One generation thread's share of the scheduler: its model instance with buffers and the
/// impact it is generating, and the impacts it set aside to start newer ones at once. Only that
/// thread touches it (or a test stepping the scheduler by hand).
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
        /// When the impact became current (a gate could start it from then on); `nil` before.
        var currentSince: ContinuousClock.Instant?

        /// The earliest moment a voice could need the first sample not yet in the cache: when the
        /// impact became current plus the audio already published; `nil` while it is not current.
        func deadline(outputRate: Int) -> ContinuousClock.Instant? {
            currentSince.map { $0 + .seconds(Double(publishedSamples) / Double(outputRate)) }
        }
    }

    /// A model with the impact it is generating, kept while the lane works on a newer impact.
    struct Track {
        var setup: GenerationSetup?
        var job: Job?
    }

    /// The models a lane starts with: the one it generates with and its spares.
    struct Models {
        /// The lane's model; `nil` retires the lane.
        var setup: GenerationSetup?
        /// Idle copies that let the lane set impacts aside (``Engine/Configuration/setAsideImpactsPerThread``).
        var spares: [GenerationSetup] = []
    }

    /// The lane's position among the scheduler's lanes.
    let index: Int
    /// The model and buffers; `nil` for a lane retired by a swap to a model that cannot be copied.
    var setup: GenerationSetup?
    /// The impact in progress, if any.
    var job: Job?
    /// Idle model copies: each can take over a new impact while the one in progress is set aside.
    private(set) var spares: [GenerationSetup]
    /// Impacts set aside for newer ones, each still generated to its end by its own model.
    private(set) var setAside: [Track] = []

    /// A lane at `index` generating with `models`.
    init(index: Int, models: Models) {
        self.index = index
        setup = models.setup
        spares = models.spares
        setAside.reserveCapacity(models.spares.count)
    }

    /// Whether the impact in progress can be set aside: there is one, and a spare model to start the next.
    var canSetAside: Bool { job != nil && !spares.isEmpty }

    /// Sets the impact in progress aside with its model; a spare model takes the lane's place, without an impact.
    func setActiveImpactAside() {
        guard job != nil, let spare = spares.popLast() else { return }
        setAside.append(Track(setup: setup, job: job))
        setup = spare
        job = nil
    }

    /// Exchanges the lane's model and impact with those of set-aside track `track` (a second call restores them).
    func exchange(withSetAside track: Int) {
        swap(&setup, &setAside[track].setup)
        swap(&job, &setAside[track].job)
    }

    /// Removes the set-aside tracks whose impact has ended; their models become spares again.
    func retireFinishedSetAsides() {
        while let finished = setAside.firstIndex(where: { $0.job == nil }) {
            if let model = setAside.remove(at: finished).setup { spares.append(model) }
        }
    }

    /// The set-aside track whose impact needs its next chunk soonest (see ``Job/deadline(outputRate:)``).
    func mostUrgentSetAside(outputRate: Int) -> (track: Int, deadline: ContinuousClock.Instant)? {
        var best: (track: Int, deadline: ContinuousClock.Instant)?
        for track in setAside.indices {
            guard let deadline = setAside[track].job?.deadline(outputRate: outputRate) else { continue }
            if best.map({ deadline < $0.deadline }) ?? true { best = (track, deadline) }
        }
        return best
    }

    /// Drops every set-aside impact (a model swap) and hands back their slots; the lane then starts
    /// from `models`.
    func replaceModels(with models: Models) -> [Int] {
        let slots = setAside.compactMap { $0.job?.impact.slot }
        setAside = []
        setAside.reserveCapacity(models.spares.count)
        setup = models.setup
        spares = models.spares
        job = nil
        return slots
    }

    /// The models for `threadCount` lanes with `sparesPerLane` spares each: `model` first, then
    /// independent copies of it while the model makes them (``ImpactModel/makeIndependentCopy()``).
    /// Every lane gets its model before any gets a spare; lanes the copies do not reach are retired.
    ///
    /// - Throws: what ``GenerationSetup`` or the copy throws.
    static func models(
        for model: any ImpactModel, threadCount: Int, sparesPerLane: Int, plan: ChunkPlan?, maxFramesPerImpact: Int,
        outputRate: Int, slotCapacity: Int
    ) throws(NeuroError) -> [Models] {
        var instances: [any ImpactModel] = [model]
        while instances.count < threadCount * (1 + sparesPerLane), let copy = try model.makeIndependentCopy() {
            instances.append(copy)
        }
        var lanes = [Models](repeating: Models(), count: threadCount)
        for (position, instance) in instances.enumerated() {
            let setup = try GenerationSetup(
                model: instance, plan: plan, maxFramesPerImpact: maxFramesPerImpact, outputRate: outputRate,
                slotCapacity: slotCapacity)
            if position < threadCount {
                lanes[position].setup = setup
            } else {
                lanes[(position - threadCount) % threadCount].spares.append(setup)
            }
        }
        return lanes
    }
}
