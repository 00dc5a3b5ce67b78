import Foundation
import Synchronization

/// Generates impacts into the ``ImpactCache`` on its own threads, chunk by chunk.
///
/// Each generation thread (a *lane*, ``Engine/Configuration/generationThreads`` of them) owns
/// one model instance and works on one impact at a time (a model keeps streaming state for one
/// impact). The scheduler publishes an impact as *current* when it starts it, so a gate can
/// play it while later chunks are still being generated, and finishes it. A free lane starts
/// the *next* impact and pre-generates its first ``Engine/Configuration/preGeneratedChunks``
/// chunks, so that a regenerate request plays new sound at once: the request promotes the next
/// impact to current and its lane generates the remaining chunks. There is one next impact at a
/// time; with one lane it is started when the current impact is finished, with several while
/// other lanes are still generating — so a regenerate whose controls changed (a note at a new
/// pitch) starts at once on a free lane instead of waiting for the impact in progress.
///
/// A regenerate that no pre-generated next impact serves also starts at once on a busy lane: the
/// lane *sets aside* the impact in progress with its model and starts the new impact on a spare
/// model copy (``Engine/Configuration/setAsideImpactsPerThread`` of them). From then on each step
/// generates the chunk due soonest — an impact's next unpublished sample is due, at the earliest,
/// as long after it became current as the audio already published lasts — so the new impact's
/// first chunk comes first and voices still playing a set-aside impact keep being fed. A lane
/// without a spare (a model that cannot be copied, or every spare in use) finishes its impact first.
///
/// Before every chunk a lane reads the current CV inputs and ``LatentControl`` and asks them for
/// the chunk's frames, so a CV change reaches the next chunk still to be generated, even of an
/// impact that is already playing. The transposition is the exception: an impact keeps the one it
/// started with, so that it plays one pitch. Generation is not paced by playback: a model much faster than
/// real time finishes an impact before it has been heard, one about as fast as real time (the
/// original module's hardware) generates the chunk about to be heard.
///
/// A model error never stops a lane: it is counted in ``failureCount``, kept in
/// ``lastError``, the failed impact ends at its last complete chunk, and the lane resumes
/// with a new impact after a short pause. A model handed to ``swap(to:)`` takes over at each
/// lane's next step: the impact in progress ends at its last complete chunk and the new model's
/// first impact becomes current at once.
///
/// - Important: ``start()``, ``stop()`` and the control methods are for control threads;
///   the models are only called from the scheduler's own threads (named `neuro-generate`).
package final class GenerationScheduler: @unchecked Sendable {
    /// What one scheduling step did.
    package enum StepOutcome: Equatable {
        /// Generated a chunk, started or promoted an impact.
        case worked
        /// Nothing to do until a request arrives or a slot frees up.
        case idle
        /// The model failed; the failure was reported.
        case failed
    }

    /// What the lanes share: which impact is current, which is the next one and the slots in use.
    private struct Coordination {
        var current: ImpactCache.Reference?
        var promotesNextImpact = false
        var servedRegenerateRequests = 0
        var nextImpactID = 1
        var seeds: SplitMix64
        /// The slot of the unpromoted next impact, while a lane holds one.
        var nextSlot: Int?
        /// The slots impacts are being generated into: every lane's own and its set-aside ones.
        var generatingSlots: [Int] = []

        /// Forgets the impact generated into `slot` (ended, dropped or failed).
        mutating func release(slot: Int) {
            if let position = generatingSlots.firstIndex(of: slot) { generatingSlots.remove(at: position) }
            if nextSlot == slot { nextSlot = nil }
        }
    }

    /// A lane's new models from ``swap(to:)``; no model retires the lane.
    private struct Assignment {
        var models: GenerationLane.Models
    }

    /// The configuration the scheduler was created with.
    package let configuration: Engine.Configuration
    /// The rate impacts are written into the cache at (models of other rates are converted).
    package let outputRate: Int
    private let cacheOwner: ImpactCache
    private let cache: ImpactCache.Handle
    private let control: LockedValue<LatentControl>
    private let liveControlsOwner = LiveControls()
    /// The lock-free controls (CVs, regenerate requests); writers use it without reference counting.
    let liveControls: LiveControls.Handle
    private let pendingAssignments: LockedValue<[Assignment?]>
    private let coordination: LockedValue<Coordination>
    private let failures = Atomic<Int>(0)
    private let impacts = Atomic<Int>(0)
    private let chunks = Atomic<Int>(0)
    private let generationNanoseconds = Atomic<UInt64>(0)
    private let generatedSamples = Atomic<Int>(0)
    private let latestError = LockedValue<NeuroError?>(nil)
    private let lanes: [GenerationLane]
    private let activeLanes: Atomic<Int>
    private let workers: [WorkerThread]

    /// Creates a scheduler that generates with `model` (and, for more than one generation thread,
    /// its independent copies) from `control` into `cache`.
    ///
    /// - Throws: `.invalidData` when the cache slots are too small for the longest impact, the
    ///   model cannot take the plan's chunks, `preGeneratedChunks < 1`, the thread count is
    ///   outside 1…``Engine/maxGenerationThreads``, the set-aside count outside
    ///   0…``Engine/maxSetAsideImpactsPerThread``, or the control has no frames.
    package init(
        model: any ImpactModel, control: LatentControl, cache: ImpactCache, outputRate: Int,
        configuration: Engine.Configuration
    ) throws(NeuroError) {
        guard configuration.preGeneratedChunks >= 1 else {
            throw NeuroError(.invalidData, "engine: preGeneratedChunks must be at least 1, got \(configuration.preGeneratedChunks)")
        }
        let threadCount = configuration.generationThreads
        guard (1...Engine.maxGenerationThreads).contains(threadCount) else {
            throw NeuroError(.invalidData, "engine: generationThreads must be 1…\(Engine.maxGenerationThreads), got \(threadCount)")
        }
        guard (0...Engine.maxSetAsideImpactsPerThread).contains(configuration.setAsideImpactsPerThread) else {
            throw NeuroError(.invalidData, "engine: setAsideImpactsPerThread must be 0…\(Engine.maxSetAsideImpactsPerThread), got \(configuration.setAsideImpactsPerThread)")
        }
        let laneModels = try GenerationLane.models(
            for: model, threadCount: threadCount, sparesPerLane: configuration.setAsideImpactsPerThread,
            plan: configuration.plan, maxFramesPerImpact: configuration.maxFramesPerImpact, outputRate: outputRate,
            slotCapacity: cache.slotCapacity)
        try Self.validate(control)
        lanes = laneModels.enumerated().map { GenerationLane(index: $0.offset, models: $0.element) }
        workers = lanes.map { _ in WorkerThread(name: "neuro-generate") }
        activeLanes = Atomic(laneModels.count { $0.setup != nil })
        pendingAssignments = LockedValue([Assignment?](repeating: nil, count: threadCount))
        coordination = LockedValue(Coordination(seeds: SplitMix64(seed: configuration.seed)))
        self.outputRate = outputRate
        liveControls = liveControlsOwner.handle
        self.configuration = configuration
        cacheOwner = cache
        self.cache = cache.handle
        self.control = LockedValue(control)
    }

    // MARK: Control threads

    /// Changes the latent control (profiles, CV assignment) in place; the next generated chunk uses it.
    ///
    /// - Throws: `.invalidData` when the changed primary profile has no frames; the control stays as it was then.
    package func updateControl(_ update: (inout LatentControl) -> Void) throws(NeuroError) {
        try control.withLock { (current: inout LatentControl) throws(NeuroError) in
            var changed = current
            update(&changed)
            try Self.validate(changed)
            current = changed
        }
        liveControls.noteControlChange()
    }

    /// The latent control the next chunk is generated from.
    package var latentControl: LatentControl { control.withLock { $0 } }

    /// Hands a new model to the generation threads, which switch to it at their next step.
    ///
    /// Lanes beyond the copies the model makes are retired (a model that cannot be copied runs on
    /// one thread, without spares); impacts set aside are dropped at their last complete chunk.
    ///
    /// - Throws: `.invalidData` when the model cannot fill this scheduler's cache slots or take
    ///   the configured chunk plan; the current model keeps running then.
    package func swap(to model: any ImpactModel) throws(NeuroError) {
        let laneModels = try GenerationLane.models(
            for: model, threadCount: lanes.count, sparesPerLane: configuration.setAsideImpactsPerThread,
            plan: configuration.plan, maxFramesPerImpact: configuration.maxFramesPerImpact, outputRate: outputRate,
            slotCapacity: cacheOwner.slotCapacity)
        pendingAssignments.withLock { $0 = laneModels.map { Assignment(models: $0) } }
        activeLanes.store(laneModels.count { $0.setup != nil }, ordering: .relaxed)
    }

    private static func validate(_ control: LatentControl) throws(NeuroError) {
        guard control.frameCount >= 1 else {
            throw NeuroError(.invalidData, "engine: profile '\(control.primary.name)' has no frames")
        }
    }

    /// The CV inputs as the next chunk will see them.
    package var cv: CVState { liveControls.cv }

    /// The chunk plan of the model generating now, as the first lane sees it (after a swap: once
    /// it took the model over). Read while the threads are stopped.
    package var plan: ChunkPlan {
        // The first lane always has a model: a swap gives it the model itself.
        guard let plan = lanes[0].setup?.plan else { preconditionFailure("the first generation lane has no model") }
        return plan
    }

    /// The lanes that have a model (the generation threads actually working), as of the last swap.
    package var activeLaneCount: Int { activeLanes.load(ordering: .relaxed) }

    /// The number of generation failures so far. Safe to read from any thread.
    package var failureCount: Int { failures.load(ordering: .acquiring) }

    /// Impacts started so far (each is generated to its end unless the model fails or is swapped).
    package var impactCount: Int { impacts.load(ordering: .relaxed) }

    /// Chunks generated so far.
    package var chunkCount: Int { chunks.load(ordering: .relaxed) }

    /// Time spent generating chunks (summed over the threads), in seconds, and the seconds of
    /// output audio they published.
    package var generationTime: (spent: Double, generated: Double) {
        (Double(generationNanoseconds.load(ordering: .relaxed)) / 1e9, Double(generatedSamples.load(ordering: .relaxed)) / Double(outputRate))
    }

    /// The most recent generation failure, if any. Takes a lock: not for the audio thread.
    package var lastError: NeuroError? { latestError.withLock { $0 } }

    /// Starts the generation threads; does nothing if they are running.
    package func start() {
        for (lane, worker) in zip(lanes, workers) {
            worker.start { [self] worker in run(lane: lane.index, until: worker) }
        }
    }

    /// Whether the generation threads are running.
    package var isRunning: Bool { workers[0].isRunning }

    /// Stops the generation threads and waits for them to finish their current chunks. Idempotent.
    package func stop() {
        for worker in workers { worker.stop() }
    }

    // MARK: Scheduler threads

    private static let spinRounds = 64
    private static let yieldRounds = 64
    private static let idleSleepMicroseconds: UInt32 = 500
    private static let failurePauseMicroseconds: UInt32 = 20_000

    private func run(lane: Int, until worker: WorkerThread) {
        var idleRounds = 0
        while !worker.isStopRequested {
            switch step(lane: lane) {
            case .worked:
                idleRounds = 0
            case .failed:
                idleRounds = 0
                usleep(Self.failurePauseMicroseconds)
            case .idle:
                idleRounds += 1
                if idleRounds > Self.spinRounds + Self.yieldRounds {
                    usleep(Self.idleSleepMicroseconds)
                } else if idleRounds > Self.spinRounds {
                    sched_yield()
                }
            }
        }
    }

    /// Does one step on every lane in turn: `.failed` if a lane failed, `.worked` if one worked.
    ///
    /// For offline generation and tests while the threads are not running; with one lane it is
    /// exactly the thread's step.
    package func step() -> StepOutcome {
        var outcome = StepOutcome.idle
        for lane in lanes.indices {
            switch step(lane: lane) {
            case .failed: return .failed
            case .worked: outcome = .worked
            case .idle: break
            }
        }
        return outcome
    }

    /// Does the next piece of work of one lane: switch model, promote, start or set aside an
    /// impact, or generate one chunk (of the lane's impact or of a set-aside one, whichever is due sooner).
    ///
    /// Called by the lane's thread; tests call it directly while the threads are not running.
    package func step(lane index: Int) -> StepOutcome {
        let lane = lanes[index]
        if let assignment = pendingAssignments.withLock({ pending in defer { pending[index] = nil }; return pending[index] }) {
            switchModel(of: lane, to: assignment.models)
            return .worked
        }
        // Only the plan is read here: a copy of the setup held across the chunk would make its buffers copy on write.
        guard let plan = lane.setup?.plan else { return .idle }
        let requested = liveControls.regenerateRequestCount
        if let urgent = lane.mostUrgentSetAside(outputRate: outputRate),
           setAsideGoesFirst(due: urgent.deadline, on: lane, requested: requested) {
            return generateSetAside(track: urgent.track, on: lane)
        }
        let outcome = stepOwnImpact(of: lane, plan: plan, requested: requested)
        if outcome == .idle, let urgent = lane.mostUrgentSetAside(outputRate: outputRate) {
            return generateSetAside(track: urgent.track, on: lane)
        }
        return outcome
    }

    /// Whether a set-aside impact due at `deadline` gets the lane's next step: not while the lane
    /// has a regenerate to serve or an impact to start; otherwise when its audio is due before the
    /// lane's own impact's (always before a next impact that is not current yet).
    private func setAsideGoesFirst(due deadline: ContinuousClock.Instant, on lane: GenerationLane, requested: Int) -> Bool {
        guard let job = lane.job else { return false }
        if (!job.isPromoted || lane.canSetAside) && requested != coordination.withLock({ $0.servedRegenerateRequests }) {
            return false
        }
        guard let own = job.deadline(outputRate: outputRate) else { return true }
        return deadline < own
    }

    /// The lane's own step: start, promote or set aside its impact, or generate the impact's next chunk.
    private func stepOwnImpact(of lane: GenerationLane, plan: ChunkPlan, requested: Int) -> StepOutcome {
        guard var job = lane.job else {
            return startImpact(on: lane, requested: requested)
        }
        let chunkCount = plan.chunkCount(totalFrames: job.frameCount)
        let pending = requested != coordination.withLock { $0.servedRegenerateRequests }
        if pending && !job.isPromoted {
            if job.controlChanges != liveControls.controlChangeCount {
                // The pre-generated impact was made from other controls: regenerate from the current ones.
                lane.job = nil
                coordination.withLock { $0.release(slot: job.impact.slot) }
                return startImpact(on: lane, requested: requested)
            }
            coordination.withLock { state in
                promote(&job, requested: requested, state: &state)
                // A next impact already generated to its end (a short impact) is done.
                if job.nextChunk == chunkCount { state.release(slot: job.impact.slot) }
            }
            lane.job = job.nextChunk == chunkCount ? nil : job
            return .worked
        }
        // Unless another lane's next impact serves the regenerate (that lane promotes it).
        if pending && lane.canSetAside && coordination.withLock({ $0.nextSlot == nil }) {
            lane.setActiveImpactAside()
            return startImpact(on: lane, requested: requested)
        }
        guard job.nextChunk < chunkCount, job.isPromoted || job.nextChunk < configuration.preGeneratedChunks else {
            return .idle
        }
        return generateChunk(of: &job, on: lane, chunkCount: chunkCount)
    }

    /// Generates the next chunk of set-aside track `track`; a finished track's model becomes a spare again.
    private func generateSetAside(track: Int, on lane: GenerationLane) -> StepOutcome {
        lane.exchange(withSetAside: track)
        defer {
            lane.exchange(withSetAside: track)
            lane.retireFinishedSetAsides()
        }
        guard var job = lane.job, let plan = lane.setup?.plan else { return .idle }
        return generateChunk(of: &job, on: lane, chunkCount: plan.chunkCount(totalFrames: job.frameCount))
    }

    /// Ends the lane's impacts (its own and the set-aside ones) at their last complete chunks and
    /// gives the lane its new models (or retires it); the next impact to start becomes current at once.
    private func switchModel(of lane: GenerationLane, to replacement: GenerationLane.Models) {
        if let job = lane.job, job.isPromoted { cache.truncateToReady(slot: job.impact.slot) }
        let ownSlot = lane.job?.impact.slot
        let dropped = lane.replaceModels(with: replacement)
        for slot in dropped { cache.truncateToReady(slot: slot) }
        coordination.withLock { state in
            for slot in dropped + [ownSlot].compactMap({ $0 }) { state.release(slot: slot) }
            state.promotesNextImpact = true
        }
    }

    private func promote(_ job: inout GenerationLane.Job, requested: Int, state: inout Coordination) {
        state.promotesNextImpact = false
        job.isPromoted = true
        job.currentSince = .now
        state.current = job.impact
        state.servedRegenerateRequests = requested
        if state.nextSlot == job.impact.slot { state.nextSlot = nil }
        cache.publishCurrent(job.impact)
    }

    private func startImpact(on lane: GenerationLane, requested: Int) -> StepOutcome {
        guard let setup = lane.setup else { return .idle }
        let frameCount = min(control.withLock { $0.frameCount }, configuration.maxFramesPerImpact)
        // The count first: a transposition newer than the count makes the impact look stale, never fresh.
        let controlChanges = liveControls.controlChangeCount
        let transposition = liveControls.transpositionCents
        let length = setup.outputLength(frames: frameCount)
        let started: (job: GenerationLane.Job, seed: UInt64)? = coordination.withLock { state in
            // One next impact at a time: while another lane holds it, that lane promotes it.
            guard state.nextSlot == nil else { return nil }
            let promoting = state.current == nil || state.promotesNextImpact || requested != state.servedRegenerateRequests
            let busy = state.generatingSlots + [state.current?.slot].compactMap { $0 }
            guard let slot = cache.claimSlot(
                for: state.nextImpactID, length: length, transposition: transposition, excluding: busy)
            else {
                return nil
            }
            var job = GenerationLane.Job(
                impact: ImpactCache.Reference(slot: slot, id: state.nextImpactID), frameCount: frameCount, isPromoted: false,
                controlChanges: controlChanges, transposition: transposition)
            state.nextImpactID += 1
            state.generatingSlots.append(slot)
            if promoting {
                promote(&job, requested: requested, state: &state)
            } else {
                state.nextSlot = slot
            }
            return (job, state.seeds.next())
        }
        guard let started else { return .idle }
        impacts.add(1, ordering: .relaxed)
        setup.model.reset(seed: started.seed)
        lane.job = started.job
        return .worked
    }

    /// Generates `job`'s next chunk on `lane`'s model and publishes it; an impact that ends or fails
    /// gives its slot back.
    private func generateChunk(of job: inout GenerationLane.Job, on lane: GenerationLane, chunkCount: Int) -> StepOutcome {
        // The setup is used in place through the lane (a local copy would make its buffers copy on write).
        guard let plan = lane.setup?.plan, let length = lane.setup?.outputLength(frames: job.frameCount) else { return .idle }
        let chunk = plan.chunk(job.nextChunk, totalFrames: job.frameCount)
        let control = self.control.withLock { $0 }
        let slot = job.impact.slot
        let output = cache.mutableSamples(slot: slot, length: length)
        let started = ContinuousClock.now
        let previouslyPublished = job.publishedSamples
        var cv = liveControls.cv
        cv.transposition = Float(job.transposition) / 100
        do {
            job.publishedSamples = try lane.setup?.generate(
                chunk, impactFrames: job.frameCount, control: control, cv: cv, into: output,
                published: job.publishedSamples) ?? previouslyPublished
            let elapsed = (ContinuousClock.now - started).components
            generationNanoseconds.add(UInt64(elapsed.seconds) &* 1_000_000_000 &+ UInt64(elapsed.attoseconds / 1_000_000_000), ordering: .relaxed)
            generatedSamples.add(job.publishedSamples - previouslyPublished, ordering: .relaxed)
        } catch {
            report(error)
            if job.isPromoted { cache.truncateToReady(slot: slot) }
            lane.job = nil
            coordination.withLock { $0.release(slot: slot) }
            return .failed
        }
        cache.publishReady(slot: slot, count: job.publishedSamples)
        chunks.add(1, ordering: .relaxed)
        job.nextChunk += 1
        if job.isPromoted && job.nextChunk == chunkCount {
            lane.job = nil
            coordination.withLock { $0.release(slot: slot) }
        } else {
            lane.job = job
        }
        return .worked
    }

    private func report(_ error: NeuroError) {
        latestError.withLock { $0 = error }
        // Release pairs with the acquiring load in `failureCount`: the error above is stored first.
        failures.add(1, ordering: .releasing)
    }
}
