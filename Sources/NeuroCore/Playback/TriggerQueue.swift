import Synchronization

/// A bounded lock-free queue of gate triggers: many producers (control threads, the audio
/// thread itself), one consumer (the audio thread).
///
/// The algorithm is Dmitry Vyukov's bounded MPMC queue (per-cell sequence numbers,
/// 1024cores.net, "Bounded MPMC queue"), used here with a single consumer. A trigger is one
/// 64-bit word, `velocity.bitPattern << 32 | (cents + 32768) << 16 | offset`, so cells hold no
/// references. All storage is allocated in `init`; ``push(velocity:offset:cents:)`` and ``pop()``
/// never allocate, lock or block.
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

    /// The number of triggers the queue holds (a power of two).
    let capacity: Int
    private let mask: Int
    private let sequences: UnsafeMutablePointer<Atomic<Int>>
    private let payloads: UnsafeMutablePointer<Atomic<UInt64>>
    private let enqueuePosition: UnsafeMutablePointer<Atomic<Int>>
    private var dequeuePosition = 0

    /// Allocates a queue for at least `minimumCapacity` triggers.
    ///
    /// - Important: Not real-time: allocates.
    init(minimumCapacity: Int) {
        var capacity = 2
        while capacity < minimumCapacity { capacity <<= 1 }
        self.capacity = capacity
        mask = capacity - 1
        sequences = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: capacity)
        payloads = UnsafeMutablePointer<Atomic<UInt64>>.allocate(capacity: capacity)
        for index in 0..<capacity {
            unsafe (sequences + index).initialize(to: Atomic(index))
            unsafe (payloads + index).initialize(to: Atomic(0))
        }
        enqueuePosition = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 1)
        unsafe enqueuePosition.initialize(to: Atomic(0))
    }

    deinit {
        unsafe sequences.deinitialize(count: capacity)
        unsafe sequences.deallocate()
        unsafe payloads.deinitialize(count: capacity)
        unsafe payloads.deallocate()
        unsafe enqueuePosition.deinitialize(count: 1)
        unsafe enqueuePosition.deallocate()
    }

    /// Queues a trigger; returns `false` (and drops it) when the queue is full.
    ///
    /// - Important: Real-time safe, from any thread.
    @_noLocks @_noAllocation
    func push(velocity: Float, offset: Int, cents: Int = 0) -> Bool {
        let place = UInt64(min(max(offset, 0), 65_535))
        let pitch = UInt64(min(max(cents, -32_768), 32_767) + 32_768)
        let word = UInt64(velocity.bitPattern) << 32 | pitch << 16 | place
        var position = unsafe enqueuePosition.pointee.load(ordering: .relaxed)
        while true {
            // Acquire pairs with the consumer's releasing store: the cell is free to overwrite.
            let sequence = unsafe sequences[position & mask].load(ordering: .acquiring)
            if sequence == position {
                let (exchanged, observed) = unsafe enqueuePosition.pointee.compareExchange(
                    expected: position, desired: position &+ 1, ordering: .relaxed)
                if exchanged { break }
                position = observed
            } else if sequence < position {
                return false
            } else {
                position = unsafe enqueuePosition.pointee.load(ordering: .relaxed)
            }
        }
        unsafe payloads[position & mask].store(word, ordering: .relaxed)
        // Release pairs with the acquiring load in `pop`: the payload is visible first.
        unsafe sequences[position & mask].store(position &+ 1, ordering: .releasing)
        return true
    }

    /// The oldest queued trigger, or `nil` when the queue is empty.
    ///
    /// - Important: Real-time safe; the single consumer (the audio thread) only.
    @_noLocks @_noAllocation
    mutating func pop() -> Trigger? {
        let position = dequeuePosition
        // Acquire pairs with the releasing store in `push`.
        let sequence = unsafe sequences[position & mask].load(ordering: .acquiring)
        guard sequence == position &+ 1 else { return nil }
        let word = unsafe payloads[position & mask].load(ordering: .relaxed)
        // Release pairs with the acquiring load in `push`: the producers may reuse the cell.
        unsafe sequences[position & mask].store(position &+ capacity, ordering: .releasing)
        dequeuePosition = position &+ 1
        return Trigger(
            velocity: Float(bitPattern: UInt32(truncatingIfNeeded: word >> 32)),
            offset: Int(word & 0xFFFF), cents: Int((word >> 16) & 0xFFFF) - 32_768)
    }
}
