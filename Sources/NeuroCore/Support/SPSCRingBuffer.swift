import Synchronization

/// A lock-free single-producer, single-consumer ring of samples with fixed capacity.
///
/// One thread writes, one other thread reads; neither ever blocks, allocates or locks, so
/// either side may be the audio thread. The storage is allocated in `init` and freed in
/// `deinit`; the ring never grows. When it is full, ``write(_:)`` moves fewer samples than
/// offered; when it is empty, ``read(into:)`` moves fewer than asked. Both return the count.
///
/// ### Implementation Notes
/// The classic Lamport ring (L. Lamport, "Specifying Concurrent Program Modules", TOPLAS 5(2), 1983)
/// with two monotonically increasing cursors: `writeCursor` (stored only by the producer) and
/// `readCursor` (stored only by the consumer). `writeCursor − readCursor` is the fill level;
/// an index is a cursor masked with `capacity − 1`, which is why the capacity is a power of two.
/// Cursors are `Int` and use wrapping arithmetic, so they may pass `Int.max`.
///
/// To share a ring between threads, store it in a class (its atomics need a stable address).
public struct SPSCRingBuffer: ~Copyable, @unchecked Sendable {
    /// The number of samples the ring holds when full (a power of two).
    public let capacity: Int
    private let mask: Int
    private let storage: UnsafeMutablePointer<Float>
    /// Total samples ever written; stored by the producer only.
    private let writeCursor: Atomic<Int>
    /// Total samples ever read; stored by the consumer only.
    private let readCursor: Atomic<Int>

    /// Creates an empty ring holding at least `minimumCapacity` samples (rounded up to a power of two).
    ///
    /// - Important: Not real-time: allocates.
    /// - Precondition: `minimumCapacity ≥ 1`.
    public init(minimumCapacity: Int) {
        self.init(minimumCapacity: minimumCapacity, startCursor: 0)
    }

    /// Creates an empty ring whose cursors both start at `startCursor`, so tests can place the
    /// first sample at any offset of the storage (and near cursor overflow).
    package init(minimumCapacity: Int, startCursor: Int) {
        precondition(minimumCapacity >= 1, "a ring needs a capacity of at least 1")
        var rounded = 1
        while rounded < minimumCapacity { rounded <<= 1 }
        capacity = rounded
        mask = rounded - 1
        storage = UnsafeMutablePointer<Float>.allocate(capacity: rounded)
        unsafe storage.initialize(repeating: 0, count: rounded)
        writeCursor = Atomic(startCursor)
        readCursor = Atomic(startCursor)
    }

    deinit {
        unsafe storage.deallocate()
    }

    /// Samples the consumer can read now. Exact on the consumer thread, a lower bound elsewhere.
    ///
    /// - Complexity: O(1)
    public var availableToRead: Int {
        // Acquire pairs with the producer's releasing store in `write`.
        writeCursor.load(ordering: .acquiring) &- readCursor.load(ordering: .relaxed)
    }

    /// Samples the producer can write now. Exact on the producer thread, a lower bound elsewhere.
    ///
    /// - Complexity: O(1)
    public var freeCapacity: Int {
        // Acquire pairs with the consumer's releasing store in `read`.
        capacity &- (writeCursor.load(ordering: .relaxed) &- readCursor.load(ordering: .acquiring))
    }

    /// Whether the producer cannot write now.
    public var isFull: Bool { freeCapacity == 0 }

    /// Appends as many samples of `source` as fit and returns how many were written.
    ///
    /// - Important: Producer thread only. Real-time safe: no allocation, lock or blocking.
    public func write(_ source: Span<Float>) -> Int {
        let write = writeCursor.load(ordering: .relaxed)
        // Acquire pairs with the consumer's releasing store in `read`: the slots it freed are no longer read.
        let read = readCursor.load(ordering: .acquiring)
        let count = min(source.count, capacity &- (write &- read))
        let start = write & mask
        let firstRun = min(count, capacity - start)
        source.withUnsafeBufferPointer { samples in
            guard let base = samples.baseAddress else { return }
            unsafe (storage + start).update(from: base, count: firstRun)
            unsafe storage.update(from: base + firstRun, count: count - firstRun)
        }
        // Release publishes the samples above before the consumer can see the new cursor.
        writeCursor.store(write &+ count, ordering: .releasing)
        return count
    }

    /// Moves up to `destination.count` samples into the front of `destination` and returns how many.
    ///
    /// Elements of `destination` after the returned count are left unchanged.
    ///
    /// - Important: Consumer thread only. Real-time safe: no allocation, lock or blocking.
    public func read(into destination: inout MutableSpan<Float>) -> Int {
        let read = readCursor.load(ordering: .relaxed)
        // Acquire pairs with the producer's releasing store in `write`: the samples below the cursor are visible.
        let write = writeCursor.load(ordering: .acquiring)
        let count = min(destination.count, write &- read)
        let start = read & mask
        let firstRun = min(count, capacity - start)
        destination.withUnsafeMutableBufferPointer { samples in
            guard let base = samples.baseAddress else { return }
            unsafe base.update(from: storage + start, count: firstRun)
            unsafe (base + firstRun).update(from: storage, count: count - firstRun)
        }
        // Release orders the reads above before the producer may overwrite these slots.
        readCursor.store(read &+ count, ordering: .releasing)
        return count
    }
}
