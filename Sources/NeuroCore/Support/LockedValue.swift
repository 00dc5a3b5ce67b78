import Foundation

/// A value behind a `pthread` mutex (`NSLock`), for state several non-real-time threads share.
///
/// Used where sanitizers must see the synchronisation: ThreadSanitizer intercepts `pthread`
/// mutexes, while the futex inside the standard library's `Mutex` is invisible to it, so
/// accesses under a `Mutex` from several threads are reported as races.
///
/// - Important: Blocks: never for the audio thread.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// A lock guarding `value`.
    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` on the value with the lock held and returns its result.
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
