/// One impact being played from the cache: where, how loud, and how the gain moves.
///
/// A trivial value: the audio thread keeps playbacks in preallocated storage.
struct Playback {
    /// What mixing one period did to a playback.
    enum Outcome {
        /// More samples will follow.
        case playing
        /// The impact (or its fade-out) ended; the playback's pin must be released.
        case finished
        /// The generator had not written the samples yet; the playback waits (silence).
        case stalled
    }

    /// The pinned impact.
    var impact: ImpactCache.Reference
    /// The next sample of the impact to play.
    var position = 0
    /// The current gain.
    var gain: Float
    /// Added to ``gain`` after every sample (negative while fading out, else 0).
    var gainStep: Float = 0
    /// Output frames to skip before the first sample, for a sample-accurate start.
    var delay: Int

    /// A playback of `impact` from its first sample at constant `gain`, starting `delay` frames into the next period.
    @_noLocks @_noAllocation
    init(impact: ImpactCache.Reference, gain: Float, delay: Int) {
        self.impact = impact
        self.gain = gain
        self.delay = delay
    }

    /// Adds this playback's next samples into `output`, after any remaining ``delay``.
    ///
    /// - Important: Real-time safe.
    @_noLocks @_noAllocation
    mutating func mix(into output: inout MutableSpan<Float>, cache: ImpactCache.Handle) -> Outcome {
        let skipped = min(delay, output.count)
        delay -= skipped
        let wanted = output.count - skipped
        guard wanted > 0 else { return .playing }
        let (samples, ready, length) = cache.readySamples(impact)
        let count = min(wanted, max(ready - position, 0))
        for offset in 0..<count {
            guard gain > 0 else { return .finished }
            output[skipped + offset] += unsafe samples[position + offset] * gain
            gain += gainStep
        }
        position += count
        if position >= length || (gainStep < 0 && gain <= 0) { return .finished }
        return count < wanted ? .stalled : .playing
    }
}

/// A voice of the player: the impact it plays and, after a retrigger, the fading tail of the previous one.
struct Voice {
    /// The impact started last on this voice.
    var main: Playback?
    /// The impact this voice played before it was retriggered, fading out to avoid a click.
    var tail: Playback?
    /// When ``main`` started, in starts since the player was created; the smallest is the oldest.
    var startOrder = 0

    /// Whether the voice is silent and holds no pin.
    var isIdle: Bool {
        @_noLocks @_noAllocation get {
            if case .some = main { return false }
            if case .some = tail { return false }
            return true
        }
    }
}
