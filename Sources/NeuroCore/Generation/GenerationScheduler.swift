import Foundation
import Synchronization

/// Generates impacts into the ``ImpactCache`` on its own thread, chunk by chunk.
///
/// The scheduler always works on one impact at a time (a model keeps streaming state for one
/// impact). It publishes an impact as *current* when it starts it, so a gate can play it while
/// later chunks are still being generated, and finishes it. Then it starts the *next* impact
/// and pre-generates its first ``Engine/Configuration/preGeneratedChunks`` chunks, so that a
/// regenerate request plays new sound at once: the request promotes the next impact to
/// current and the scheduler generates its remaining chunks.
///
/// Before every chunk it reads the current CV inputs and ``LatentControl`` and asks them for
/// the chunk's frames, so a CV change reaches the next chunk still to be generated, even of an
/// impact that is already playing. The transposition is the exception: an impact keeps the one it
/// started with, so that it plays one pitch. Generation is not paced by playback: a model much faster than
/// real time finishes an impact before it has been heard, one about as fast as real time (the
/// original module's hardware) generates the chunk about to be heard.
///
/// A model error never stops the thread: it is counted in ``failureCount``, kept in
/// ``lastError``, the failed impact ends at its last complete chunk, and generation resumes
/// with a new impact after a short pause. A model handed to ``swap(to:)`` takes over at the
/// next step: the impact in progress ends at its last complete chunk and the new model's first
/// impact becomes current at once.
///
/// - Important: ``start()``, ``stop()`` and the control methods are for control threads;
///   the model is only called from the scheduler's own thread (named `neuro-generate`).
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

    /// An impact being generated, owned by the scheduler thread.
    private struct Job {
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

    /// The configuration the scheduler was created with.
    package let configuration: Engine.Configuration
    /// The rate impacts are written into the cache at (models of other rates are converted).
    package let outputRate: Int
    private let cacheOwner: ImpactCache
    private let cache: ImpactCache.Handle
    private let control: Mutex<LatentControl>
    private let liveControlsOwner = LiveControls()
    /// The lock-free controls (CVs, regenerate requests); writers use it without reference counting.
    let liveControls: LiveControls.Handle
    private let pendingSetup = Mutex<GenerationSetup?>(nil)
    private let failures = Atomic<Int>(0)
    private let impacts = Atomic<Int>(0)
    private let chunks = Atomic<Int>(0)
    private let generationNanoseconds = Atomic<UInt64>(0)
    private let generatedSamples = Atomic<Int>(0)
    private let latestError = Mutex<NeuroError?>(nil)
    private let worker = WorkerThread(name: "neuro-generate")

    // Scheduler-thread state.
    private var setup: GenerationSetup
    private var job: Job?
    private var current: ImpactCache.Reference?
    private var promotesNextImpact = false
    private var servedRegenerateRequests = 0
    private var nextImpactID = 1
    private var seeds: SplitMix64

    /// Creates a scheduler that generates with `model` from `control` into `cache`.
    ///
    /// - Throws: `.invalidData` when the cache slots are too small for the longest impact, the
    ///   model cannot take the plan's chunks, `preGeneratedChunks < 1`, or the control has no frames.
    package init(
        model: any ImpactModel, control: LatentControl, cache: ImpactCache, outputRate: Int,
        configuration: Engine.Configuration
    ) throws(NeuroError) {
        guard configuration.preGeneratedChunks >= 1 else {
            throw NeuroError(.invalidData, "engine: preGeneratedChunks must be at least 1, got \(configuration.preGeneratedChunks)")
        }
        setup = try GenerationSetup(
            model: model, plan: configuration.plan, maxFramesPerImpact: configuration.maxFramesPerImpact,
            outputRate: outputRate, slotCapacity: cache.slotCapacity)
        try Self.validate(control)
        self.outputRate = outputRate
        liveControls = liveControlsOwner.handle
        self.configuration = configuration
        cacheOwner = cache
        self.cache = cache.handle
        self.control = Mutex(control)
        seeds = SplitMix64(seed: configuration.seed)
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

    /// Hands a new model to the generation thread, which switches to it at its next step.
    ///
    /// - Throws: `.invalidData` when the model cannot fill this scheduler's cache slots or take
    ///   the configured chunk plan; the current model keeps running then.
    package func swap(to model: any ImpactModel) throws(NeuroError) {
        let setup = try GenerationSetup(
            model: model, plan: configuration.plan, maxFramesPerImpact: configuration.maxFramesPerImpact,
            outputRate: outputRate, slotCapacity: cacheOwner.slotCapacity)
        pendingSetup.withLock { $0 = setup }
    }

    private static func validate(_ control: LatentControl) throws(NeuroError) {
        guard control.frameCount >= 1 else {
            throw NeuroError(.invalidData, "engine: profile '\(control.primary.name)' has no frames")
        }
    }

    /// The CV inputs as the next chunk will see them.
    package var cv: CVState { liveControls.cv }

    /// The chunk plan of the model generating now (after a swap: once the thread took it over).
    package var plan: ChunkPlan { setup.plan }

    /// The number of generation failures so far. Safe to read from any thread.
    package var failureCount: Int { failures.load(ordering: .acquiring) }

    /// Impacts started so far (each is generated to its end unless the model fails or is swapped).
    package var impactCount: Int { impacts.load(ordering: .relaxed) }

    /// Chunks generated so far.
    package var chunkCount: Int { chunks.load(ordering: .relaxed) }

    /// Time spent generating chunks, in seconds, and the seconds of output audio they published.
    package var generationTime: (spent: Double, generated: Double) {
        (Double(generationNanoseconds.load(ordering: .relaxed)) / 1e9, Double(generatedSamples.load(ordering: .relaxed)) / Double(outputRate))
    }

    /// The most recent generation failure, if any. Takes a lock: not for the audio thread.
    package var lastError: NeuroError? { latestError.withLock { $0 } }

    /// Starts the generation thread; does nothing if it is running.
    package func start() {
        worker.start { [self] worker in run(until: worker) }
    }

    /// Whether the generation thread is running.
    package var isRunning: Bool { worker.isRunning }

    /// Stops the generation thread and waits for it to finish its current chunk. Idempotent.
    package func stop() { worker.stop() }

    // MARK: Scheduler thread

    private static let spinRounds = 64
    private static let yieldRounds = 64
    private static let idleSleepMicroseconds: UInt32 = 500
    private static let failurePauseMicroseconds: UInt32 = 20_000

    private func run(until worker: WorkerThread) {
        var idleRounds = 0
        while !worker.isStopRequested {
            switch step() {
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

    /// Does the next piece of work: promote, start an impact, or generate one chunk.
    ///
    /// Called by the scheduler thread; tests call it directly while the thread is not running.
    package func step() -> StepOutcome {
        if let replacement = pendingSetup.withLock({ pending in defer { pending = nil }; return pending }) {
            switchModel(to: replacement)
            return .worked
        }
        let requested = liveControls.regenerateRequestCount
        guard var job else {
            let promoting = current == nil || promotesNextImpact || requested != servedRegenerateRequests
            return startImpact(promoting: promoting, requested: requested)
        }
        let chunkCount = setup.plan.chunkCount(totalFrames: job.frameCount)
        if !job.isPromoted && requested != servedRegenerateRequests {
            if job.controlChanges != liveControls.controlChangeCount {
                // The pre-generated impact was made from other controls: regenerate from the current ones.
                self.job = nil
                return startImpact(promoting: true, requested: requested)
            }
            promote(&job, requested: requested)
            // A next impact already generated to its end (a short impact) is done: start the one after.
            self.job = job.nextChunk == chunkCount ? nil : job
            return .worked
        }
        guard job.nextChunk < chunkCount, job.isPromoted || job.nextChunk < configuration.preGeneratedChunks else {
            return .idle
        }
        return generateChunk(of: &job, chunkCount: chunkCount)
    }

    /// Ends the impact in progress at its last complete chunk and makes the next impact, the new
    /// model's first, current as soon as it starts.
    private func switchModel(to replacement: GenerationSetup) {
        if let job { cache.truncateToReady(slot: job.impact.slot) }
        job = nil
        setup = replacement
        promotesNextImpact = true
    }

    private func promote(_ job: inout Job, requested: Int) {
        promotesNextImpact = false
        job.isPromoted = true
        current = job.impact
        servedRegenerateRequests = requested
        cache.publishCurrent(job.impact)
    }

    private func startImpact(promoting: Bool, requested: Int) -> StepOutcome {
        let frameCount = min(control.withLock { $0.frameCount }, configuration.maxFramesPerImpact)
        let id = nextImpactID
        // The count first: a transposition newer than the count makes the impact look stale, never fresh.
        let controlChanges = liveControls.controlChangeCount
        let transposition = liveControls.transpositionCents
        guard let slot = cache.claimSlot(
            for: id, length: setup.outputLength(frames: frameCount), transposition: transposition, excluding: current?.slot ?? -1)
        else {
            return .idle
        }
        nextImpactID += 1
        impacts.add(1, ordering: .relaxed)
        setup.model.reset(seed: seeds.next())
        var job = Job(
            impact: ImpactCache.Reference(slot: slot, id: id), frameCount: frameCount, isPromoted: false,
            controlChanges: controlChanges, transposition: transposition)
        if promoting { promote(&job, requested: requested) }
        self.job = job
        return .worked
    }

    private func generateChunk(of job: inout Job, chunkCount: Int) -> StepOutcome {
        let chunk = setup.plan.chunk(job.nextChunk, totalFrames: job.frameCount)
        let control = self.control.withLock { $0 }
        let slot = job.impact.slot
        let output = cache.mutableSamples(slot: slot, length: setup.outputLength(frames: job.frameCount))
        let started = ContinuousClock.now
        let previouslyPublished = job.publishedSamples
        var cv = liveControls.cv
        cv.transposition = Float(job.transposition) / 100
        do {
            job.publishedSamples = try setup.generate(
                chunk, impactFrames: job.frameCount, control: control, cv: cv, into: output,
                published: job.publishedSamples)
            let elapsed = (ContinuousClock.now - started).components
            generationNanoseconds.add(UInt64(elapsed.seconds) &* 1_000_000_000 &+ UInt64(elapsed.attoseconds / 1_000_000_000), ordering: .relaxed)
            generatedSamples.add(job.publishedSamples - previouslyPublished, ordering: .relaxed)
        } catch {
            report(error)
            if job.isPromoted { cache.truncateToReady(slot: slot) }
            self.job = nil
            return .failed
        }
        cache.publishReady(slot: slot, count: job.publishedSamples)
        chunks.add(1, ordering: .relaxed)
        job.nextChunk += 1
        self.job = job.isPromoted && job.nextChunk == chunkCount ? nil : job
        return .worked
    }

    private func report(_ error: NeuroError) {
        latestError.withLock { $0 = error }
        // Release pairs with the acquiring load in `failureCount`: the error above is stored first.
        failures.add(1, ordering: .releasing)
    }
}
