import Synchronization

/// A bounded lock-free queue of 64-bit words: many producers, one consumer; for hand-offs that
/// must not block or allocate on either side (gates to the audio thread, MIDI program changes
/// from a device callback to a control thread).
///
/// The algorithm is Dmitry Vyukov's bounded MPMC queue (per-cell sequence numbers,
/// 1024cores.net, "Bounded MPMC queue"), used with a single consumer. All storage is allocated
/// in `init`; ``push(_:)`` and ``pop()`` never allocate, lock or block.
public struct WordQueue: ~Copyable, @unchecked Sendable {
    /// The number of words the queue holds (a power of two).
    public let capacity: Int
    private let mask: Int
    private let sequences: UnsafeMutablePointer<Atomic<Int>>
    private let payloads: UnsafeMutablePointer<Atomic<UInt64>>
    private let enqueuePosition: UnsafeMutablePointer<Atomic<Int>>
    private var dequeuePosition = 0

    /// Allocates a queue for at least `minimumCapacity` words.
    ///
    /// - Important: Not real-time: allocates.
    public init(minimumCapacity: Int) {
        var capacity = 2
        while capacity < minimumCapacity { capacity <<= 1 }
        self.capacity = capacity
        mask = capacity - 1
        sequences = AtomicWords.allocate(capacity) { $0 }
        payloads = AtomicWords.allocate(capacity, value: UInt64(0))
        enqueuePosition = AtomicWords.allocate(1, value: 0)
    }

    deinit {
        AtomicWords.free(sequences, count: capacity)
        AtomicWords.free(payloads, count: capacity)
        AtomicWords.free(enqueuePosition, count: 1)
    }

    /// Queues `word`; returns `false` (and drops it) when the queue is full.
    ///
    /// - Important: Real-time safe, from any thread.
    @_noLocks @_noAllocation
    public func push(_ word: UInt64) -> Bool {
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

    /// The oldest queued word, or `nil` when the queue is empty.
    ///
    /// - Important: Real-time safe; the single consumer only.
    @_noLocks @_noAllocation
    public mutating func pop() -> UInt64? {
        let position = dequeuePosition
        // Acquire pairs with the releasing store in `push`.
        let sequence = unsafe sequences[position & mask].load(ordering: .acquiring)
        guard sequence == position &+ 1 else { return nil }
        let word = unsafe payloads[position & mask].load(ordering: .relaxed)
        // Release pairs with the acquiring load in `push`: the producers may reuse the cell.
        unsafe sequences[position & mask].store(position &+ capacity, ordering: .releasing)
        dequeuePosition = position &+ 1
        return word
    }
}
