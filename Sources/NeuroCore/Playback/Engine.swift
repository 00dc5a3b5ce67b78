import Foundation
import Synchronization

/// The real-time core: control events in, audio out. The one API every host uses.
///
/// Composes an impact cache, a generation scheduler (its own thread, the only caller of the
/// model) and an impact player (the audio thread). Hosts never reach those parts: they send
/// ``ControlEvent``s to ``handle(_:)``, change profiles with ``setProfiles(primary:secondary:)``,
/// replace the model with ``swapModel(_:)``, read ``counters``, and call ``render(into:)`` once
/// per period on the audio thread (usually through `RenderLoop` of NeuroAudio).
///
/// Every gate is sample-accurate: ``ControlEvent/gatePlay(velocity:offset:semitones:)`` starts the current
/// impact `offset` samples into the next rendered period. Gates queue in a lock-free queue of
/// ``Configuration/maxPendingGates``; gates beyond it are dropped and counted.
///
/// ```swift
/// let engine = try Engine(model: model, control: LatentControl(primary: profile))
/// engine.start()
/// engine.handle(.gatePlay(velocity: 1, offset: 37))
/// engine.render(into: &period)   // on the audio thread, every period
/// ```
public final class Engine: @unchecked Sendable {
    /// Sizes and timings of the engine.
    public struct Configuration: Sendable {
        /// Voices that can sound at once (at least 1); the oldest is retriggered beyond that.
        public var voiceCount: Int
        /// The fade-out of a retriggered voice, in seconds.
        public var declickDuration: Double
        /// The time a volume change from 0 to 1 takes, in seconds.
        public var volumeRampDuration: Double
        /// How impacts are cut into model calls; `nil` takes ``ChunkPlan/streaming(for:)`` of
        /// the model (and of every model swapped in later).
        public var plan: ChunkPlan?
        /// Chunks of the next impact generated before a regenerate request asks for it (≥ 1).
        public var preGeneratedChunks: Int
        /// The longest impact in frames; longer control curves are cut to it.
        public var maxFramesPerImpact: Int
        /// Seeds the ``SplitMix64`` sequence whose `n`-th value seeds the model for impact `n`.
        public var seed: UInt64
        /// Gates that can wait for the next period (more are dropped and counted).
        public var maxPendingGates: Int
        /// The rate of the engine's output in Hz; `nil` is the model's rate. Impacts of a model
        /// at another rate are converted on the generation thread (a band-limited polyphase
        /// filter, ``Resampler``), so the audio thread never resamples and gates stay sample-accurate.
        public var outputSampleRate: Int?
        /// Generation threads, each with its own copy of the model generating its own impact
        /// (1…``Engine/maxGenerationThreads``).
        ///
        /// With more than one, a regenerate whose controls changed (a note at a new pitch, a CV
        /// move) starts on a free thread while the impact in progress is still being finished, and
        /// impacts are generated on several cores at once. A model that cannot be copied
        /// (``ImpactModel/makeIndependentCopy()`` returns `nil`) runs on one thread whatever this says.
        public var generationThreads: Int
        /// Impacts in progress each generation thread may set aside to start a regenerated one at
        /// once (0…``Engine/maxSetAsideImpactsPerThread``); each costs one more copy of the model.
        ///
        /// A regenerate that arrives while every thread is busy with an impact still being
        /// generated then sounds after one chunk instead of after the rest of that impact; the
        /// set-aside impacts are finished chunk by chunk, the one due soonest first. With 0 (or a
        /// model that cannot be copied) the regenerate waits for the impact in progress.
        public var setAsideImpactsPerThread: Int

        /// Creates a configuration; the defaults are 4 voices, a 3 ms de-click fade, a 20 ms volume
        /// ramp, the model's streaming plan, one pre-generated chunk, 301-frame impacts, seed 0,
        /// 64 pending gates, the model's rate, one generation thread and two set-aside impacts per thread.
        public init(
            voiceCount: Int = 4, declickDuration: Double = 0.003, volumeRampDuration: Double = 0.02,
            plan: ChunkPlan? = nil, preGeneratedChunks: Int = 1,
            maxFramesPerImpact: Int = ImpactProfile.defaultFrameCount, seed: UInt64 = 0, maxPendingGates: Int = 64,
            outputSampleRate: Int? = nil, generationThreads: Int = 1, setAsideImpactsPerThread: Int = 2
        ) {
            self.generationThreads = generationThreads
            self.setAsideImpactsPerThread = setAsideImpactsPerThread
            self.outputSampleRate = outputSampleRate
            self.voiceCount = voiceCount
            self.declickDuration = declickDuration
            self.volumeRampDuration = volumeRampDuration
            self.plan = plan
            self.preGeneratedChunks = preGeneratedChunks
            self.maxFramesPerImpact = maxFramesPerImpact
            self.seed = seed
            self.maxPendingGates = maxPendingGates
        }
    }

    /// The output sample rate in Hz: ``Configuration/outputSampleRate``, else the first model's rate.
    public let sampleRate: Int
    /// The configuration the engine was created with.
    public let configuration: Configuration
    package let scheduler: GenerationScheduler
    package let cache: ImpactCache
    private let liveControls: LiveControls.Handle
    private let cacheHandle: ImpactCache.Handle
    private var player: ImpactPlayer
    private var gates: TriggerQueue
    private var notes: TriggerQueue
    private let waitingNotes: UnsafeMutablePointer<WaitingNote>
    private var waitingNoteCount = 0
    private let noteTimeoutSamples: Int
    private let volumeBits = Atomic<UInt32>(Float(1).bitPattern)
    private let underruns = Atomic<Int>(0)
    private let lateStarts = Atomic<Int>(0)
    private let missedGates = Atomic<Int>(0)
    private let droppedGates = Atomic<Int>(0)
    private let modelName: Mutex<String>

    /// Creates an engine for `model`, generating from `control`. Does not start the generation thread.
    ///
    /// - Important: Not real-time: allocates every buffer the audio thread will use.
    /// - Throws: `.invalidData` for a configuration the model or the control cannot satisfy
    ///   (no voices, negative durations, slots too small, chunks the model cannot take, a profile
    ///   without frames).
    public init(model: any ImpactModel, control: LatentControl, configuration: Configuration = Configuration()) throws(NeuroError) {
        guard configuration.voiceCount >= 1 else {
            throw NeuroError(.invalidData, "engine: voiceCount must be at least 1, got \(configuration.voiceCount)")
        }
        guard configuration.declickDuration.isFinite, configuration.volumeRampDuration.isFinite,
              configuration.declickDuration >= 0, configuration.volumeRampDuration >= 0 else {
            throw NeuroError(.invalidData, "engine: declickDuration and volumeRampDuration must be finite and ≥ 0 seconds")
        }
        guard (1...4096).contains(configuration.maxPendingGates) else {
            throw NeuroError(.invalidData, "engine: maxPendingGates must be 1…4096, got \(configuration.maxPendingGates)")
        }
        guard (1...Self.maxFramesPerImpactLimit).contains(configuration.maxFramesPerImpact) else {
            throw NeuroError(
                .invalidData, "engine: maxFramesPerImpact must be 1…\(Self.maxFramesPerImpactLimit), got \(configuration.maxFramesPerImpact)")
        }
        let sampleRate = configuration.outputSampleRate ?? model.sampleRate
        guard Self.outputSampleRates.contains(sampleRate) else {
            throw NeuroError(.invalidData, "engine: output sample rate must be \(Self.outputSampleRates.lowerBound)…\(Self.outputSampleRates.upperBound) Hz, got \(sampleRate)")
        }
        self.sampleRate = sampleRate
        self.configuration = configuration
        modelName = Mutex(model.name)
        // Each voice pins up to two impacts (playing and fading); plus the current impact and, per
        // generation thread, the impact it generates and those it may set aside.
        let generatingSlots = max(configuration.generationThreads, 1) * (1 + max(configuration.setAsideImpactsPerThread, 0))
        cache = ImpactCache(
            slotCount: min(2 * configuration.voiceCount + 1 + generatingSlots, 255),
            slotCapacity: try GenerationSetup.slotCapacity(
                for: model, maxFramesPerImpact: configuration.maxFramesPerImpact, outputRate: sampleRate))
        scheduler = try GenerationScheduler(
            model: model, control: control, cache: cache, outputRate: sampleRate, configuration: configuration)
        player = ImpactPlayer(
            cache: cache, voiceCount: configuration.voiceCount,
            declickSampleCount: max(Int(configuration.declickDuration * Double(sampleRate)), 1),
            volumeRampSampleCount: max(Int(configuration.volumeRampDuration * Double(sampleRate)), 1))
        gates = TriggerQueue(minimumCapacity: configuration.maxPendingGates)
        notes = TriggerQueue(minimumCapacity: configuration.maxPendingGates)
        waitingNotes = UnsafeMutablePointer<WaitingNote>.allocate(capacity: configuration.maxPendingGates)
        liveControls = scheduler.liveControls
        cacheHandle = cache.handle
        noteTimeoutSamples = Int(Engine.noteTimeout * Double(sampleRate))
    }

    /// The output rates an engine accepts, in Hz.
    public static let outputSampleRates = 1_000...384_000

    /// The most generation threads an engine runs (``Configuration/generationThreads``).
    public static let maxGenerationThreads = 16

    /// The most impacts a generation thread sets aside (``Configuration/setAsideImpactsPerThread``).
    public static let maxSetAsideImpactsPerThread = 8

    /// The generation threads that have a model: ``Configuration/generationThreads``, or 1 for a
    /// model that cannot be copied (after a swap: for the new model).
    public var generationThreadCount: Int { scheduler.activeLaneCount }

    /// The longest impact an engine accepts, in frames (about 12 minutes at 22 050 Hz and 512 samples per frame).
    public static let maxFramesPerImpactLimit = 32_768

    deinit {
        scheduler.stop()
        unsafe waitingNotes.deallocate()
    }

    // MARK: Control threads

    /// Starts the generation threads; the first impact becomes playable after its first chunk.
    public func start() { scheduler.start() }

    /// Stops the generation threads. Audio already generated stays playable.
    public func stop() { scheduler.stop() }

    /// Does on the calling thread all the generation work possible now, for offline renders
    /// without the generation thread: finishes the current impact, pre-generates the next one,
    /// applies a swapped model and regenerate requests. Stops early after a model failure
    /// (counted like on the thread).
    ///
    /// With it, an offline render through the engine is deterministic and equals
    /// `ImpactRenderer`'s output for the same frames and seed.
    ///
    /// - Throws: `.usage` when the generation thread is running (``start()`` was called).
    public func generatePendingWork() throws(NeuroError) {
        guard !scheduler.isRunning else {
            throw NeuroError(.usage, "engine: generatePendingWork() needs the generation thread stopped")
        }
        while scheduler.step() == .worked {}
    }

    /// Waits until the impact a gate plays is generated to its end (and not empty), so that the
    /// first note plays it whole; for hosts right after ``start()``.
    ///
    /// - Important: Not real-time: sleeps.
    /// - Throws: `.modelFailure` with the model's error when it fails first, `.unavailable` when
    ///   `timeout` passes (the generation thread not started, or a model far slower than real time).
    public func waitForCurrentImpact(timeout: Duration = .seconds(30)) throws(NeuroError) {
        let deadline = ContinuousClock.now + timeout
        while currentImpactProgress.map({ $0.length == 0 || $0.generated < $0.length }) ?? true {
            if let error = scheduler.lastError {
                throw NeuroError(.modelFailure, "\(currentModelName): failed on the first impact: \(error.message)")
            }
            guard ContinuousClock.now < deadline else {
                throw NeuroError(.unavailable, "\(currentModelName): no impact generated within \(timeout) (is the engine started?)")
            }
            usleep(1_000)
        }
    }

    /// Applies one control event.
    ///
    /// Gate-play queues a sample-accurate start for the next period; gate-regenerate promotes the
    /// pre-generated next impact; CV and morph events reach the next generated chunk (inputs
    /// outside 1…5 are ignored); volume glides there over the volume ramp.
    ///
    /// - Important: Real-time safe: lock-free, callable from any thread, the audio thread included.
    @_noLocks @_noAllocation
    public func handle(_ event: ControlEvent) {
        switch event {
        case .gatePlay(let velocity, let offset, let semitones):
            if !gates.push(velocity: velocity, offset: offset, cents: transpositionCents(semitones)) { droppedGates.add(1, ordering: .relaxed) }
        case .gateNote(let velocity, let offset, let semitones):
            let cents = transpositionCents(semitones)
            liveControls.setTransposition(cents: cents)
            // Unpinned, so a racing swap may misjudge it: the note then waits for the next impact or its timeout.
            if cacheHandle.currentTransposition() != cents { liveControls.requestRegeneration() }
            if !notes.push(velocity: velocity, offset: offset, cents: cents) { droppedGates.add(1, ordering: .relaxed) }
        case .gateRegenerate:
            liveControls.requestRegeneration()
        case .cv(let index, let volts):
            liveControls.setCV(index, volts: volts)
        case .morph(let alpha):
            guard !alpha.isNaN else { return }
            liveControls.setCV(2, volts: CVState.morphVoltage(alpha: min(max(alpha, 0), 1)))
        case .volume(let volume):
            guard !volume.isNaN else { return }
            volumeBits.store(min(max(volume, 0), 1).bitPattern, ordering: .relaxed)
        }
    }

    /// Replaces the profiles (F0 and, to morph towards, F1); the next generated chunk uses them.
    ///
    /// The CV assignment stays.
    ///
    /// - Throws: `.invalidData` when the primary profile has no frames; the old profiles stay then.
    public func setProfiles(primary: ImpactProfile, secondary: ImpactProfile? = nil) throws(NeuroError) {
        try scheduler.updateControl { control in
            control = LatentControl(primary: primary, secondary: secondary, modulation: control.modulation)
        }
    }

    /// Replaces what each CV input drives; the next generated chunk uses it.
    public func setCVModulation(_ modulation: CVModulation) {
        try? scheduler.updateControl { $0.modulation = modulation }
    }

    /// The profiles and CV assignment the next chunk is generated from.
    public var latentControl: LatentControl { scheduler.latentControl }

    /// Hands `model` to the generation thread, which switches to it before its next chunk.
    ///
    /// The impact being generated ends at its last complete chunk; the new model's first impact
    /// becomes the one a gate plays as soon as it starts. Voices already sounding play on. A
    /// model at another rate is converted to the engine's.
    ///
    /// - Throws: `.invalidData` when the model's impacts do not fit the cache slots (more samples
    ///   per frame, or a higher rate, than the first model) or it cannot take the chunk plan;
    ///   the current model keeps playing then.
    public func swapModel(_ model: any ImpactModel) throws(NeuroError) {
        try scheduler.swap(to: model)
        modelName.withLock { $0 = model.name }
    }

    /// The name of the model most recently given to the engine.
    public var currentModelName: String { modelName.withLock { $0 } }

    /// The volume the output glides to.
    public var volume: Float { Float(bitPattern: volumeBits.load(ordering: .relaxed)) }

    /// The CV inputs as the next generated chunk will see them.
    public var cv: CVState { scheduler.cv }

    /// What has happened so far: impacts, underruns, late starts, dropped gates, model failures.
    ///
    /// Reading the last error takes a lock: call from control threads, not the audio thread.
    public var counters: EngineCounters {
        let generation = scheduler.generationTime
        return EngineCounters(
            underruns: underruns.load(ordering: .relaxed), lateStarts: lateStarts.load(ordering: .relaxed),
            missedGates: missedGates.load(ordering: .relaxed),
            droppedGates: droppedGates.load(ordering: .relaxed), impactsStarted: scheduler.impactCount,
            chunksGenerated: scheduler.chunkCount, modelFailures: scheduler.failureCount, lastError: scheduler.lastError,
            generationSeconds: generation.spent, generatedAudioSeconds: generation.generated)
    }

    /// The number of the impact a gate plays now (impacts are numbered from 1 as they start); `nil` before the first.
    public var currentImpactNumber: Int? { cacheHandle.currentImpact()?.id }

    /// Final samples and total length of the impact a gate plays now; `nil` before the first.
    public var currentImpactProgress: (generated: Int, length: Int)? { cache.currentImpactProgress }

    // MARK: Audio thread

    /// Renders one period of mono audio into `output`, overwriting it.
    ///
    /// Starts every queued gate at its offset (clamped to the period), mixes the voices and
    /// applies the volume.
    ///
    /// - Important: Real-time context: does not allocate, lock, log, throw or block.
    @_noLocks @_noAllocation
    public func render(into output: inout MutableSpan<Float>) {
        let lastOffset = max(output.count - 1, 0)
        var missed = 0
        while let gate = gates.pop() {
            let rate = gate.cents == 0 ? 1 : semitoneRatio(Float(gate.cents) / 100)
            if !player.start(velocity: gate.velocity, atOffset: min(gate.offset, lastOffset), rate: rate) { missed += 1 }
        }
        missed += startNotes(periodLength: output.count, lastOffset: lastOffset)
        if missed > 0 { missedGates.add(missed, ordering: .relaxed) }
        let targetVolume = Float(bitPattern: volumeBits.load(ordering: .relaxed))
        let stalls = player.render(into: &output, targetVolume: targetVolume)
        if stalls.underruns > 0 { underruns.add(stalls.underruns, ordering: .relaxed) }
        if stalls.lateStarts > 0 { lateStarts.add(stalls.lateStarts, ordering: .relaxed) }
    }

    /// Takes the queued notes and starts every waiting note whose impact is ready; a note that
    /// waited ``noteTimeout`` seconds starts on whatever impact is current. Returns the notes
    /// that could not start at all (no impact after the timeout).
    @_noLocks @_noAllocation
    private func startNotes(periodLength: Int, lastOffset: Int) -> Int {
        while let note = notes.pop() {
            guard waitingNoteCount < configuration.maxPendingGates else {
                droppedGates.add(1, ordering: .relaxed)
                continue
            }
            unsafe waitingNotes[waitingNoteCount] = WaitingNote(velocity: note.velocity, offset: note.offset, cents: note.cents)
            waitingNoteCount += 1
        }
        let latest = liveControls.transpositionCents
        var missed = 0
        var index = 0
        while index < waitingNoteCount {
            var note = unsafe waitingNotes[index]
            let forced = note.waitedSamples >= noteTimeoutSamples
            let offset = note.waitedSamples == 0 ? min(note.offset, lastOffset) : 0
            let started = player.startNote(velocity: note.velocity, atOffset: offset, cents: note.cents, latest: latest, force: forced)
            if started || forced {
                if !started { missed += 1 }
                waitingNoteCount -= 1
                unsafe waitingNotes[index] = waitingNotes[waitingNoteCount]
            } else {
                note.waitedSamples += periodLength
                unsafe waitingNotes[index] = note
                index += 1
            }
        }
        return missed
    }

    /// How long a note waits for an impact at its pitch before it plays what is current, in seconds.
    public static let noteTimeout = 1.0
}

/// `semitones` clamped to ``CVState/transpositionRange``, in whole cents (NaN: 0).
@_noLocks @_noAllocation
private func transpositionCents(_ semitones: Float) -> Int {
    let range = CVState.transpositionRange
    let clamped = semitones.isNaN ? 0 : min(max(semitones, range.lowerBound), range.upperBound)
    return Int(clamped * 100 + (clamped < 0 ? -0.5 : 0.5))
}

/// A note waiting for an impact at its pitch (audio thread only).
private struct WaitingNote {
    var velocity: Float
    var offset: Int
    var cents: Int
    var waitedSamples = 0
}
