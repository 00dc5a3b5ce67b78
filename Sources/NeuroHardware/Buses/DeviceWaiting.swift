#if canImport(Glibc)
import Glibc
#endif
import NeuroCore

/// How a driver waits for a chip (conversion time, reset pulses, retry pauses).
///
/// Real devices use ``ThreadSleep``; simulated devices on a ``ManualClock`` move the clock
/// instead, so tests and the simulated firmware never sleep.
public protocol DeviceWaiting: Sendable {
    /// Waits at least `nanoseconds`.
    ///
    /// - Important: Blocks: never call it on the audio thread.
    func wait(nanoseconds: UInt64)
}

/// Waits by sleeping the calling thread (`nanosleep`, resumed after signals).
public struct ThreadSleep: DeviceWaiting {
    /// Creates the waiter.
    public init() {}

    /// Sleeps the calling thread for `nanoseconds`.
    public func wait(nanoseconds: UInt64) {
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}

extension ManualClock: DeviceWaiting {
    /// Moves the clock forward by `nanoseconds` instead of sleeping.
    public func wait(nanoseconds: UInt64) {
        advance(byNanoseconds: nanoseconds)
    }
}
