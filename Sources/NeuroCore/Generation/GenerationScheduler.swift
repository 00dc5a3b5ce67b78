import Foundation
import Synchronization

/// Generates impacts into the ``ImpactCache`` on its own thread, chunk by chunk.
///
/// The scheduler always works on one impact at a time (a model keeps streaming state for one
/// impact). It publishes an impact as *current* when it starts it, so a gate can play it while
/// later chunks are still being generated, and finishes it. Then it starts the *next* impact
/// and pre-generates its first ``Configuration/preGeneratedChunks`` chunks, so that a
/// regenerate request plays new sound at once: the request promotes the next impact to
/// current and the scheduler generates its remaining chunks.
///
/// Before every chunk it reads the current ``CVState`` and ``LatentControl`` and asks them for
/// the chunk's frames, so a CV change reaches the next chunk still to be generated, even of an
/// impact that is already playing. Generation is not paced by playback: a model much faster than
/// real time finishes an impact before it has been heard, one about as fast as real time (the
/// original module's hardware) generates the chunk about to be heard.
///
/// A model error never stops the thread: it is counted in ``failureCount``, kept in
/// ``lastError``, the failed impact ends at its last complete chunk, and generation resumes
/// with a new impact after a short pause.
///
/// - Important: ``start()``, ``stop()`` and the control methods are for control threads;
///   the model is only called from the scheduler's own thread (named `neuro-generate`).
public final class GenerationScheduler: @unchecked Sendable {
    /// How the scheduler cuts and seeds impacts.
    public struct Configuration: Sendable {
        /// How impacts are cut into model calls; `nil` takes ``ChunkPlan/streaming(for:)`` of
        /// the model (the scheduler's ``GenerationScheduler/configuration`` holds the plan chosen).
        public var plan: ChunkPlan?
        /// Chunks of the next impact generated before a regenerate request asks for it (≥ 1).
        public var preGeneratedChunks: Int
        /// The longest impact in frames; longer control curves are cut to it.
        public var maxFramesPerImpact: Int
        /// Seeds the ``SplitMix64`` sequence whose `n`-th value seeds the model for impact `n`.
        public var seed: UInt64

        /// Creates a configuration.
        public init(
            plan: ChunkPlan? = nil, preGeneratedChunks: Int = 1,
            maxFramesPerImpact: Int = ImpactProfile.defaultFrameCount, seed: UInt64 = 0
        ) {
            self.plan = plan
            self.preGeneratedChunks = preGeneratedChunks
            self.maxFramesPerImpact = maxFramesPerImpact
            self.seed = seed
        }
    }

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
    }

    /// The configuration the scheduler was created with, its ``Configuration/plan`` resolved.
    public let configuration: Configuration
    private let plan: ChunkPlan
    private let model: any ImpactModel
    private let cacheOwner: ImpactCache
    private let cache: ImpactCache.Handle
    private let controls: Mutex<(control: LatentControl, cv: CVState)>
    private let regenerateRequests = Atomic<Int>(0)
    private let failures = Atomic<Int>(0)
    private let latestError = Mutex<NeuroError?>(nil)
    private let shouldExit = Atomic<Bool>(false)
    private let lifecycle = Mutex<DispatchSemaphore?>(nil)

    // Scheduler-thread state.
    private var job: Job?
    private var current: ImpactCache.Reference?
    private var servedRegenerateRequests = 0
    private var nextImpactID = 1
    private var seeds: SplitMix64
    private var frameBuffer: [ControlFrame]
    private var scratch: [Float]

    /// Creates a scheduler that generates with `model` from `control` into `cache`.
    ///
    /// - Throws: `.invalidData` when the cache slots are too small for the longest impact, the
    ///   model cannot take the plan's chunks, `preGeneratedChunks < 1`, or the control has no frames.
    public init(
        model: any ImpactModel, control: LatentControl, cache: ImpactCache,
        configuration: Configuration = Configuration()
    ) throws(NeuroError) {
        let samplesPerFrame = model.samplesPerFrame
        guard samplesPerFrame >= 1 else {
            throw NeuroError(.invalidData, "\(model.name): samples per frame must be at least 1, got \(samplesPerFrame)")
        }
        guard configuration.preGeneratedChunks >= 1 else {
            throw NeuroError(.invalidData, "scheduler: preGeneratedChunks must be at least 1, got \(configuration.preGeneratedChunks)")
        }
        guard configuration.maxFramesPerImpact >= 1,
              configuration.maxFramesPerImpact * samplesPerFrame <= cache.slotCapacity else {
            throw NeuroError(
                .invalidData,
                "scheduler: impacts of \(configuration.maxFramesPerImpact) frames need \(configuration.maxFramesPerImpact * samplesPerFrame) samples per cache slot, the cache has \(cache.slotCapacity)")
        }
        let plan = configuration.plan ?? .streaming(for: model)
        let framesPerCall = min(plan.framesPerChunk, configuration.maxFramesPerImpact)
        guard framesPerCall <= model.maxFramesPerCall else {
            throw NeuroError(
                .invalidData,
                "\(model.name): accepts at most \(model.maxFramesPerCall) frames per call, the chunk plan needs \(framesPerCall)")
        }
        try Self.validate(control)
        var resolved = configuration
        resolved.plan = plan
        self.configuration = resolved
        self.plan = plan
        self.model = model
        cacheOwner = cache
        self.cache = cache.handle
        controls = Mutex((control, CVState()))
        seeds = SplitMix64(seed: configuration.seed)
        frameBuffer = [ControlFrame](repeating: .silence, count: framesPerCall)
        scratch = [Float](repeating: 0, count: framesPerCall * samplesPerFrame)
    }

    // MARK: Control threads

    /// Asks for a new impact: the pre-generated next impact becomes the one a gate plays.
    public func requestRegeneration() {
        regenerateRequests.add(1, ordering: .releasing)
    }

    /// Changes the CV inputs; the next generated chunk uses them.
    public func updateCV(_ update: (inout CVState) -> Void) {
        controls.withLock { update(&$0.cv) }
    }

    /// Replaces the latent control (profiles); the next generated chunk uses it.
    ///
    /// - Throws: `.invalidData` when the primary profile has no frames.
    public func setControl(_ control: LatentControl) throws(NeuroError) {
        try Self.validate(control)
        controls.withLock { $0.control = control }
    }

    private static func validate(_ control: LatentControl) throws(NeuroError) {
        guard control.frameCount >= 1 else {
            throw NeuroError(.invalidData, "scheduler: profile '\(control.primary.name)' has no frames")
        }
    }

    /// The CV inputs as the next chunk will see them.
    public var cv: CVState { controls.withLock { $0.cv } }

    /// The number of generation failures so far. Safe to read from any thread.
    public var failureCount: Int { failures.load(ordering: .acquiring) }

    /// The most recent generation failure, if any. Takes a lock: not for the audio thread.
    public var lastError: NeuroError? { latestError.withLock { $0 } }

    /// Starts the generation thread; does nothing if it is running.
    public func start() {
        lifecycle.withLock { running in
            guard running == nil else { return }
            let exited = DispatchSemaphore(value: 0)
            running = exited
            shouldExit.store(false, ordering: .releasing)
            let thread = Thread { [self] in
                Self.nameCurrentThread()
                run()
                exited.signal()
            }
            thread.start()
        }
    }

    /// Stops the generation thread and waits for it to finish its current chunk. Idempotent.
    public func stop() {
        lifecycle.withLock { running in
            guard let exited = running else { return }
            shouldExit.store(true, ordering: .releasing)
            exited.wait()
            running = nil
        }
    }

    // MARK: Scheduler thread

    private static let threadName = "neuro-generate"
    private static let spinRounds = 64
    private static let yieldRounds = 64
    private static let idleSleepMicroseconds: UInt32 = 500
    private static let failurePauseMicroseconds: UInt32 = 20_000

    /// Names the calling thread for Foundation and for the OS (`top -H`, `gdb`, `/proc`).
    ///
    /// Foundation alone may miss the OS name when the thread starts before `Thread.start()` returns,
    /// and Glibc's `pthread_setname_np` is not visible to Swift, so on Linux the name is also
    /// written to `/proc/thread-self/comm`.
    private static func nameCurrentThread() {
        Thread.current.name = threadName
        #if os(Linux)
        let descriptor = open("/proc/thread-self/comm", O_WRONLY)
        guard descriptor >= 0 else { return }
        _ = threadName.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        #endif
    }

    private func run() {
        var idleRounds = 0
        // Acquire pairs with the releasing store in `stop`.
        while !shouldExit.load(ordering: .acquiring) {
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
        // Acquire pairs with the releasing increment in `requestRegeneration`.
        let requested = regenerateRequests.load(ordering: .acquiring)
        guard var job else {
            return startImpact(promoting: current == nil || requested != servedRegenerateRequests, requested: requested)
        }
        if !job.isPromoted && requested != servedRegenerateRequests {
            promote(&job, requested: requested)
            self.job = job
            return .worked
        }
        let chunkCount = plan.chunkCount(totalFrames: job.frameCount)
        guard job.nextChunk < chunkCount, job.isPromoted || job.nextChunk < configuration.preGeneratedChunks else {
            return .idle
        }
        return generateChunk(of: &job, chunkCount: chunkCount)
    }

    private func promote(_ job: inout Job, requested: Int) {
        job.isPromoted = true
        current = job.impact
        servedRegenerateRequests = requested
        cache.publishCurrent(job.impact)
    }

    private func startImpact(promoting: Bool, requested: Int) -> StepOutcome {
        let frameCount = min(controls.withLock { $0.control.frameCount }, configuration.maxFramesPerImpact)
        let id = nextImpactID
        guard let slot = cache.claimSlot(for: id, length: frameCount * model.samplesPerFrame, excluding: current?.slot ?? -1) else {
            return .idle
        }
        nextImpactID += 1
        model.reset(seed: seeds.next())
        var job = Job(impact: ImpactCache.Reference(slot: slot, id: id), frameCount: frameCount, isPromoted: false)
        if promoting { promote(&job, requested: requested) }
        self.job = job
        return .worked
    }

    private func generateChunk(of job: inout Job, chunkCount: Int) -> StepOutcome {
        let chunk = plan.chunk(job.nextChunk, totalFrames: job.frameCount)
        let (control, cv) = controls.withLock { ($0.control, $0.cv) }
        for (offset, frameIndex) in chunk.frames.enumerated() {
            frameBuffer[offset] = control.frame(at: frameIndex, cv: cv)
        }
        let samplesPerFrame = model.samplesPerFrame
        let slot = job.impact.slot
        do {
            let impact = cache.mutableSamples(slot: slot, length: job.frameCount * samplesPerFrame)
            var impactSpan = unsafe impact.mutableSpan
            var scratchSpan = scratch.mutableSpan
            try chunk.generate(
                with: model, frames: frameBuffer.span.extracting(0..<chunk.frames.count),
                scratch: &scratchSpan, into: &impactSpan)
        } catch {
            report(error)
            if job.isPromoted { cache.truncateToReady(slot: slot) }
            self.job = nil
            return .failed
        }
        cache.publishReady(slot: slot, count: chunk.finalSampleCount(samplesPerFrame: samplesPerFrame))
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
