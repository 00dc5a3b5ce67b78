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
    /// The next sample of the impact to play: `position + fraction` is the read position.
    var position = 0
    /// The fractional part of the read position (0…1), for transposed playback.
    var fraction: Float = 0
    /// Impact samples advanced per output sample: 1 plays the impact as generated, 2 an octave up.
    var rate: Float
    /// The current gain.
    var gain: Float
    /// Added to ``gain`` after every sample (negative while fading out, else 0).
    var gainStep: Float = 0
    /// Output frames to skip before the first sample, for a sample-accurate start.
    var delay: Int

    /// A playback of `impact` from its first sample at constant `gain` and `rate`, starting
    /// `delay` frames into the next period.
    @_noLocks @_noAllocation
    init(impact: ImpactCache.Reference, gain: Float, rate: Float, delay: Int) {
        self.impact = impact
        self.gain = gain
        self.rate = rate
        self.delay = delay
    }

    /// Adds this playback's next samples into `output`, after any remaining ``delay``.
    ///
    /// At rate 1 the impact's samples are copied exactly; at other rates the read position
    /// advances by ``rate`` per output sample and neighbouring samples are interpolated linearly.
    ///
    /// - Important: Real-time safe.
    @_noLocks @_noAllocation
    mutating func mix(into output: inout MutableSpan<Float>, cache: ImpactCache.Handle) -> Outcome {
        let skipped = min(delay, output.count)
        delay -= skipped
        guard output.count > skipped else { return .playing }
        let (samples, ready, length) = cache.readySamples(impact)
        var index = skipped
        while index < output.count {
            guard gain > 0 else { return .finished }
            if position >= length { return .finished }
            // Interpolation reads the next sample too; past the impact's end it counts as silence.
            let next = position + 1
            guard position < ready, fraction == 0 || next < ready || next >= length else { return .stalled }
            let current = unsafe samples[position]
            let following = fraction == 0 || next >= length ? 0 : unsafe samples[next]
            output[index] += (current + (following - current) * fraction) * gain
            gain += gainStep
            fraction += rate
            let whole = Int(fraction)
            position += whole
            fraction -= Float(whole)
            index += 1
        }
        if position >= length || (gainStep < 0 && gain <= 0) { return .finished }
        return .playing
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
