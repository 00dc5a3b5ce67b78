import Synchronization

/// Fixed arrays of atomic words: the storage of the lock-free structures (gate queue, CV words,
/// impact cache, device counters), allocated once and freed once.
///
/// - Important: Not real-time: `allocate` and `free` allocate and free memory. The words
///   themselves are then used without locks or allocation from any thread.
public enum AtomicWords {
    /// `count` words, word `i` holding `value(i)`.
    public static func allocate<Value: AtomicRepresentable>(
        _ count: Int, value: (Int) -> Value
    ) -> UnsafeMutablePointer<Atomic<Value>> {
        let words = UnsafeMutablePointer<Atomic<Value>>.allocate(capacity: count)
        for index in 0..<count {
            unsafe (words + index).initialize(to: Atomic(value(index)))
        }
        return words
    }

    /// `count` words, all holding `value`.
    public static func allocate<Value: AtomicRepresentable>(_ count: Int, value: Value) -> UnsafeMutablePointer<Atomic<Value>> {
        allocate(count) { _ in value }
    }

    /// Releases `count` words made by ``allocate(_:value:)-(_,(Int)->Value)``.
    public static func free<Value: AtomicRepresentable>(_ words: UnsafeMutablePointer<Atomic<Value>>, count: Int) {
        unsafe words.deinitialize(count: count)
        unsafe words.deallocate()
    }
}
