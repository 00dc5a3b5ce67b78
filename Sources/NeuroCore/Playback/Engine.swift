import Synchronization

/// The real-time core: control events in, audio out.
///
/// Composes an ``ImpactCache``, a ``GenerationScheduler`` (its own thread, calls the model) and
/// an ``ImpactPlayer`` (the audio thread). Control threads call ``handle(_:)`` and
/// ``setVolume(_:)``; the audio thread calls ``render(into:)`` once per period.
///
/// Gates arriving between two periods are merged: the next period starts one voice, at its first
/// sample, with the velocity of the latest gate.
///
/// ```swift
/// let engine = try Engine(model: model, control: LatentControl(primary: profile))
/// engine.start()
/// engine.handle(.gatePlay(velocity: 1))
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
        /// How impacts are generated.
        public var scheduler: GenerationScheduler.Configuration

        /// Creates a configuration; the defaults are 4 voices, a 3 ms de-click fade and a 20 ms volume ramp.
        public init(
            voiceCount: Int = 4, declickDuration: Double = 0.003, volumeRampDuration: Double = 0.02,
            scheduler: GenerationScheduler.Configuration = GenerationScheduler.Configuration()
        ) {
            self.voiceCount = voiceCount
            self.declickDuration = declickDuration
            self.volumeRampDuration = volumeRampDuration
            self.scheduler = scheduler
        }
    }

    /// The output sample rate in Hz (the model's).
    public let sampleRate: Int
    /// The generation side; control threads may read its failure reports.
    public let scheduler: GenerationScheduler
    /// The generated impacts the player reads.
    public let cache: ImpactCache
    private var player: ImpactPlayer
    private var servedPlayRequests = 0
    private let playRequests = Atomic<Int>(0)
    private let playVelocityBits = Atomic<UInt32>(Float(1).bitPattern)
    private let volumeBits = Atomic<UInt32>(Float(1).bitPattern)
    private let underruns = Atomic<Int>(0)

    /// Creates an engine for `model`, generating from `control`. Does not start the generation thread.
    ///
    /// - Important: Not real-time: allocates every buffer the audio thread will use.
    /// - Throws: `.invalidData` for a configuration the model or the control cannot satisfy
    ///   (see ``GenerationScheduler/init(model:control:cache:configuration:)``).
    public init(model: any ImpactModel, control: LatentControl, configuration: Configuration = Configuration()) throws(NeuroError) {
        guard configuration.voiceCount >= 1 else {
            throw NeuroError(.invalidData, "engine: voiceCount must be at least 1, got \(configuration.voiceCount)")
        }
        guard configuration.declickDuration.isFinite, configuration.volumeRampDuration.isFinite,
              configuration.declickDuration >= 0, configuration.volumeRampDuration >= 0 else {
            throw NeuroError(.invalidData, "engine: declickDuration and volumeRampDuration must be finite and ≥ 0 seconds")
        }
        sampleRate = model.sampleRate
        let maxFrames = configuration.scheduler.maxFramesPerImpact
        // Each voice pins up to two impacts (playing and fading); plus the current and the next impact.
        cache = ImpactCache(
            slotCount: min(2 * configuration.voiceCount + 2, 255),
            slotCapacity: max(maxFrames, 1) * max(model.samplesPerFrame, 1))
        scheduler = try GenerationScheduler(model: model, control: control, cache: cache, configuration: configuration.scheduler)
        player = ImpactPlayer(
            cache: cache, voiceCount: configuration.voiceCount,
            declickSampleCount: max(Int(configuration.declickDuration * Double(sampleRate)), 1),
            volumeRampSampleCount: max(Int(configuration.volumeRampDuration * Double(sampleRate)), 1))
    }

    deinit { scheduler.stop() }

    /// Starts the generation thread; the first impact becomes playable after its first chunk.
    public func start() { scheduler.start() }

    /// Stops the generation thread. Audio already generated stays playable.
    public func stop() { scheduler.stop() }

    /// Applies one control event. Safe from any control thread; never blocks the audio thread.
    ///
    /// Gate-play starts the cached impact in the next period; gate-regenerate promotes the
    /// pre-generated next impact; CV events reach the next generated chunk (inputs outside 1…5 are
    /// ignored). Menu actions belong to the menu layer and are ignored here.
    public func handle(_ event: ControlEvent) {
        switch event {
        case .gatePlay(let velocity):
            playVelocityBits.store(velocity.bitPattern, ordering: .relaxed)
            // Release pairs with the acquiring load in `render`: the velocity is visible first.
            playRequests.add(1, ordering: .releasing)
        case .gateRegenerate:
            scheduler.requestRegeneration()
        case .cv(let index, let volts):
            guard (1...CVState.inputCount).contains(index) else { return }
            scheduler.updateCV { $0[index] = volts }
        case .menu:
            return
        }
    }

    /// Sets the output volume (0…1, clamped; NaN is ignored). The audio thread glides to it.
    public func setVolume(_ volume: Float) {
        guard !volume.isNaN else { return }
        volumeBits.store(min(max(volume, 0), 1).bitPattern, ordering: .relaxed)
    }

    /// The volume the output glides to.
    public var volume: Float { Float(bitPattern: volumeBits.load(ordering: .relaxed)) }

    /// Periods in which a voice waited for samples, plus gates that found no impact ready.
    public var underrunCount: Int { underruns.load(ordering: .relaxed) }

    /// Renders one period of mono audio into `output`, overwriting it.
    ///
    /// - Important: Real-time context: does not allocate, lock, log, throw or block.
    @_noLocks @_noAllocation
    public func render(into output: inout MutableSpan<Float>) {
        // Acquire pairs with the releasing increment in `handle`.
        let requested = playRequests.load(ordering: .acquiring)
        var missed = 0
        if requested != servedPlayRequests {
            servedPlayRequests = requested
            let velocity = Float(bitPattern: playVelocityBits.load(ordering: .relaxed))
            if !player.start(velocity: velocity) { missed = 1 }
        }
        let targetVolume = Float(bitPattern: volumeBits.load(ordering: .relaxed))
        let stalled = player.render(into: &output, targetVolume: targetVolume)
        if stalled + missed > 0 { underruns.add(stalled + missed, ordering: .relaxed) }
    }
}
