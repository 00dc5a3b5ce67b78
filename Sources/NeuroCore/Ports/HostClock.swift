import Synchronization

/// A monotonic clock in nanoseconds: the clock port.
///
/// Named `HostClock` so it does not shadow the standard library's `Clock` protocol. Hardware
/// polling loops (gate re-arm, debounce) read it, so tests can drive time by hand.
public protocol HostClock: Sendable {
    /// Nanoseconds since an arbitrary fixed origin; never decreases.
    func nowNanoseconds() -> UInt64
}

/// The system's monotonic clock (`ContinuousClock`, `CLOCK_MONOTONIC` on Linux).
public struct MonotonicClock: HostClock {
    private let origin = ContinuousClock.now

    /// Creates the clock; its origin is the moment of creation.
    public init() {}

    /// Nanoseconds since the clock was created.
    public func nowNanoseconds() -> UInt64 {
        let (seconds, attoseconds) = (ContinuousClock.now - origin).components
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}

/// A clock that only moves when told to, for tests and simulated hardware.
public final class ManualClock: HostClock {
    private let nanoseconds: Atomic<UInt64>

    /// Creates the clock at `start` nanoseconds.
    public init(start: UInt64 = 0) { nanoseconds = Atomic(start) }

    /// The current time.
    public func nowNanoseconds() -> UInt64 { nanoseconds.load(ordering: .acquiring) }

    /// Moves time forward by `delta` nanoseconds.
    public func advance(byNanoseconds delta: UInt64) {
        nanoseconds.add(delta, ordering: .releasing)
    }
}
