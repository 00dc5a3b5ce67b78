/// What an ``Engine`` has done and what went wrong, for status lines, logs and tests.
public struct EngineCounters: Sendable, Equatable {
    /// Voice-periods in which a sounding voice ran out of samples and waited in silence for a
    /// chunk that was late: a gap in the sound.
    public var underruns: Int
    /// Voice-periods in which a started voice waited for its impact's first samples (a gate that
    /// came while a regenerated impact's first chunk was being generated): a late onset, no gap.
    public var lateStarts: Int
    /// Gates that found no impact ready (nothing generated yet).
    public var missedGates: Int
    /// Gates dropped because more than ``Engine/Configuration/maxPendingGates`` waited for one period.
    public var droppedGates: Int
    /// Impacts the generation thread started.
    public var impactsStarted: Int
    /// Chunks the model generated.
    public var chunksGenerated: Int
    /// Generation failures (the model threw or produced NaN/infinity).
    public var modelFailures: Int
    /// The most recent generation failure, if any.
    public var lastError: NeuroError?
    /// Seconds the generation thread spent in the model (and rate conversion) so far.
    public var generationSeconds: Double
    /// Seconds of output audio generated so far.
    public var generatedAudioSeconds: Double

    /// Generation time per second of audio (below 1 is faster than real time); `nil` before the first chunk.
    public var generationRealTimeFactor: Double? {
        generatedAudioSeconds > 0 ? generationSeconds / generatedAudioSeconds : nil
    }

    /// Creates a set of counters.
    public init(
        underruns: Int = 0, lateStarts: Int = 0, missedGates: Int = 0, droppedGates: Int = 0, impactsStarted: Int = 0,
        chunksGenerated: Int = 0, modelFailures: Int = 0, lastError: NeuroError? = nil,
        generationSeconds: Double = 0, generatedAudioSeconds: Double = 0
    ) {
        self.underruns = underruns
        self.lateStarts = lateStarts
        self.missedGates = missedGates
        self.droppedGates = droppedGates
        self.impactsStarted = impactsStarted
        self.chunksGenerated = chunksGenerated
        self.modelFailures = modelFailures
        self.lastError = lastError
        self.generationSeconds = generationSeconds
        self.generatedAudioSeconds = generatedAudioSeconds
    }
}
