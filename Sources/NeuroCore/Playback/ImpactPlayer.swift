/// The audio-thread side of the engine: voices that play cached impacts, mixed at a smoothed volume.
///
/// A gate starts the current impact of the ``ImpactCache`` on a free voice at a sample-accurate
/// offset inside the next rendered period. When every voice is busy, the oldest one is retriggered:
/// its impact fades out over a few milliseconds (the de-click fade) while the new one starts.
/// A voice that reaches samples the generator has not written yet waits in silence (an
/// underrun) and resumes when they arrive; it never plays samples of another impact.
///
/// All storage is allocated in `init`. ``start(velocity:atOffset:)`` and ``render(into:)`` are
/// real-time safe: no allocation, lock, reference counting or blocking.
package struct ImpactPlayer: ~Copyable {
    /// The number of voices that can sound at once.
    package let voiceCount: Int
    /// Samples over which a retriggered voice fades out.
    package let declickSampleCount: Int
    /// Samples a full-scale volume change takes.
    package let volumeRampSampleCount: Int
    private let cacheOwner: ImpactCache
    private let cache: ImpactCache.Handle
    private let voices: UnsafeMutablePointer<Voice>
    private var startCount = 0
    private var volume: Float = 1

    /// Creates a player of `voiceCount` voices reading impacts from `cache`.
    ///
    /// - Important: Not real-time: allocates.
    /// - Parameters:
    ///   - cache: where impacts come from; the player keeps it alive.
    ///   - voiceCount: voices that can overlap, at least 1.
    ///   - declickSampleCount: length of the fade-out of a retriggered voice, at least 1.
    ///   - volumeRampSampleCount: samples a change of volume from 0 to 1 takes, at least 1.
    package init(cache: ImpactCache, voiceCount: Int = 4, declickSampleCount: Int = 64, volumeRampSampleCount: Int = 256) {
        precondition(voiceCount >= 1 && declickSampleCount >= 1 && volumeRampSampleCount >= 1, "player sizes must be positive")
        self.voiceCount = voiceCount
        self.declickSampleCount = declickSampleCount
        self.volumeRampSampleCount = volumeRampSampleCount
        cacheOwner = cache
        self.cache = cache.handle
        voices = UnsafeMutablePointer<Voice>.allocate(capacity: voiceCount)
        unsafe voices.initialize(repeating: Voice(), count: voiceCount)
    }

    deinit {
        for index in 0..<voiceCount {
            releasePins(of: unsafe voices[index])
        }
        unsafe voices.deinitialize(count: voiceCount)
        unsafe voices.deallocate()
    }

    /// Voices currently sounding (playing, waiting for samples, or fading out).
    package var activeVoiceCount: Int {
        (0..<voiceCount).count { unsafe !voices[$0].isIdle }
    }

    /// Starts the cache's current impact `offset` samples into the next rendered period.
    ///
    /// Takes a free voice, or retriggers the oldest one with a de-click fade.
    ///
    /// - Important: Audio thread only. Real-time safe.
    /// - Parameters:
    ///   - velocity: the voice's gain, clamped to 0…1 (NaN counts as 0).
    ///   - offset: where in the next period the impact starts; negative counts as 0.
    ///   - rate: impact samples per output sample (transposition), clamped to 1/4…4; NaN counts as 1.
    /// - Returns: `false` when no impact is ready yet (nothing starts).
    @discardableResult
    @_noLocks @_noAllocation
    package mutating func start(velocity: Float, atOffset offset: Int = 0, rate: Float = 1) -> Bool {
        guard let impact = cache.pinCurrent() else { return false }
        start(pinned: impact, velocity: velocity, offset: offset, rate: rate)
        return true
    }

    /// Starts the current impact for a note `cents` away from the profile's pitch, once the
    /// impact suits the note: generated at `cents`, or at `latest` (the newest note's, which the
    /// older notes of a chord then follow), or `force` is set. The playback rate makes up the
    /// difference between the impact's transposition and the note's.
    ///
    /// - Important: Audio thread only. Real-time safe.
    /// - Returns: `false` (nothing starts) while no impact suits or, unless forced, the suiting
    ///   impact has no final sample yet.
    @_noLocks @_noAllocation
    package mutating func startNote(velocity: Float, atOffset offset: Int, cents: Int, latest: Int, force: Bool) -> Bool {
        guard let impact = cache.pinCurrent() else { return false }
        let generated = cache.transposition(of: impact)
        let suits = generated == cents || generated == latest || force
        guard suits, force || cache.readySamples(impact).ready > 0 else {
            cache.unpin(impact)
            return false
        }
        start(pinned: impact, velocity: velocity, offset: offset, rate: semitoneRatio(Float(cents - generated) / 100))
        return true
    }

    @_noLocks @_noAllocation
    private mutating func start(pinned impact: ImpactCache.Reference, velocity: Float, offset: Int, rate: Float) {
        let index = voiceToStart()
        let gain = velocity.isNaN ? 0 : min(max(velocity, 0), 1)
        let clampedRate = rate.isNaN ? 1 : min(max(rate, 0.25), 4)
        var voice = unsafe voices[index]
        retrigger(&voice, with: impact, gain: gain, rate: clampedRate, delay: max(offset, 0), order: startCount)
        unsafe voices[index] = voice
        startCount += 1
    }

    /// The voices that waited for generated samples in one period.
    package struct Stalls: Equatable {
        /// Voices that had sounded and ran out of samples: a chunk came too late (a gap in the sound).
        package var underruns = 0
        /// Voices still waiting for their impact's first sample (a gate on an impact whose first
        /// chunk is not final yet): the sound starts late, without a gap.
        package var lateStarts = 0
    }

    /// Mixes every voice into `output` (overwriting it) and applies the smoothed volume.
    ///
    /// - Important: Audio thread only. Real-time safe.
    /// - Parameter targetVolume: the volume to glide to, clamped to 0…1 (NaN keeps the current one).
    /// - Returns: the voices that waited for generated samples in this period.
    @_noLocks @_noAllocation
    package mutating func render(into output: inout MutableSpan<Float>, targetVolume: Float = 1) -> Stalls {
        for index in output.indices { output[index] = 0 }
        var stalls = Stalls()
        for index in 0..<voiceCount {
            var voice = unsafe voices[index]
            switch mix(&voice, into: &output) {
            case .none: break
            case .beforeFirstSample: stalls.lateStarts += 1
            case .afterFirstSample: stalls.underruns += 1
            }
            unsafe voices[index] = voice
        }
        applyVolume(to: &output, target: targetVolume)
        return stalls
    }

    /// Whether and where a voice's main playback waited for samples in a period.
    private enum Stall {
        case none, beforeFirstSample, afterFirstSample
    }

    @_noLocks @_noAllocation
    private func voiceToStart() -> Int {
        var chosen = 0
        var chosenRank = Int.max
        for index in 0..<voiceCount {
            let voice = unsafe voices[index]
            // Idle voices first, then voices only fading out, then the oldest playing voice.
            let rank: Int
            if voice.isIdle {
                rank = Int.min
            } else if case .some = voice.main {
                rank = voice.startOrder
            } else {
                rank = Int.min + 1
            }
            if rank < chosenRank {
                chosen = index
                chosenRank = rank
            }
        }
        return chosen
    }

    @_noLocks @_noAllocation
    private func retrigger(_ voice: inout Voice, with impact: ImpactCache.Reference, gain: Float, rate: Float, delay: Int, order: Int) {
        if var previous = voice.main {
            // An older tail still fading is cut: it is already quieter than the impact replacing it.
            if let tail = voice.tail { cache.unpin(tail.impact) }
            previous.gainStep = -previous.gain / Float(declickSampleCount)
            voice.tail = previous
        }
        voice.main = Playback(impact: impact, gain: gain, rate: rate, delay: delay)
        voice.startOrder = order
    }

    /// Mixes one voice; returns whether (and where) its main playback stalled.
    @_noLocks @_noAllocation
    private func mix(_ voice: inout Voice, into output: inout MutableSpan<Float>) -> Stall {
        if var tail = voice.tail {
            switch tail.mix(into: &output, cache: cache) {
            case .playing: voice.tail = tail
            case .finished, .stalled:
                cache.unpin(tail.impact)
                voice.tail = nil
            }
        }
        guard var main = voice.main else { return .none }
        let outcome = main.mix(into: &output, cache: cache)
        voice.main = main
        switch outcome {
        case .playing: return .none
        case .finished:
            cache.unpin(main.impact)
            voice.main = nil
            return .none
        case .stalled: return main.position == 0 ? .beforeFirstSample : .afterFirstSample
        }
    }

    private func releasePins(of voice: Voice) {
        if let tail = voice.tail { cache.unpin(tail.impact) }
        if let main = voice.main { cache.unpin(main.impact) }
    }

    @_noLocks @_noAllocation
    private mutating func applyVolume(to output: inout MutableSpan<Float>, target: Float) {
        let goal = target.isNaN ? volume : min(max(target, 0), 1)
        let step = 1 / Float(volumeRampSampleCount)
        for index in output.indices {
            let difference = goal - volume
            volume = abs(difference) <= step ? goal : volume + (difference > 0 ? step : -step)
            output[index] *= volume
        }
    }
}
