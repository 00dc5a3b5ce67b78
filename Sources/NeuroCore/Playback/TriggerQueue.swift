/// A bounded lock-free queue of gate triggers: many producers (control threads, the audio
/// thread itself), one consumer (the audio thread). A ``WordQueue`` of packed triggers.
///
/// A trigger is one 64-bit word, `velocity.bitPattern << 32 | (cents + 32768) << 16 | offset`.
struct TriggerQueue: ~Copyable {
    /// One queued trigger.
    struct Trigger: Equatable {
        /// The gain of the voice it starts.
        var velocity: Float
        /// Samples into the period where the impact starts (0…65535).
        var offset: Int
        /// The transposition in cents (−32768…32767; 0 = as generated).
        var cents: Int = 0
    }

    private var words: WordQueue

    /// The number of triggers the queue holds (a power of two).
    var capacity: Int { words.capacity }

    /// Allocates a queue for at least `minimumCapacity` triggers.
    ///
    /// - Important: Not real-time: allocates.
    init(minimumCapacity: Int) {
        words = WordQueue(minimumCapacity: minimumCapacity)
    }

    /// Queues a trigger; returns `false` (and drops it) when the queue is full.
    ///
    /// - Important: Real-time safe, from any thread.
    @_noLocks @_noAllocation
    func push(velocity: Float, offset: Int, cents: Int = 0) -> Bool {
        let place = UInt64(min(max(offset, 0), 65_535))
        let pitch = UInt64(min(max(cents, -32_768), 32_767) + 32_768)
        return words.push(UInt64(velocity.bitPattern) << 32 | pitch << 16 | place)
    }

    /// The oldest queued trigger, or `nil` when the queue is empty.
    ///
    /// - Important: Real-time safe; the single consumer (the audio thread) only.
    @_noLocks @_noAllocation
    mutating func pop() -> Trigger? {
        guard let word = words.pop() else { return nil }
        return Trigger(
            velocity: Float(bitPattern: UInt32(truncatingIfNeeded: word >> 32)),
            offset: Int(word & 0xFFFF), cents: Int((word >> 16) & 0xFFFF) - 32_768)
    }
}
