import NeuroCore
import Synchronization

/// A GPIO line in memory: an input the test (or the simulated firmware's script) drives, and an
/// output the driver drives, on a ``HostClock``.
///
/// ``setLevel(_:atNanoseconds:)`` schedules a level change; it becomes visible to ``read()``
/// and is delivered by ``waitForEdge(timeoutNanoseconds:)`` once the clock reaches its time
/// (the wait moves a manual clock through its ``DeviceWaiting``). ``bounce(to:atNanoseconds:transitions:spacingNanoseconds:)``
/// schedules the chatter of a mechanical contact. As an output it keeps the ``history`` of
/// levels the driver set.
public final class SimulatedGPIOLine: GPIOInputLine, GPIOOutputLine {
    /// The line's name in errors.
    public let name: String
    private let clock: any HostClock
    private let waiting: any DeviceWaiting
    private let state: Mutex<State>

    private struct State {
        var deliveredLevel: Bool
        var pending: [GPIOEdgeEvent] = []
        var history: [(level: Bool, timeNanoseconds: UInt64)] = []
        var timesDrivenLow = 0

        func level(at time: UInt64) -> Bool {
            pending.last { $0.timeNanoseconds <= time }.map { $0.edge == .rising } ?? deliveredLevel
        }

        var finalLevel: Bool { pending.last.map { $0.edge == .rising } ?? deliveredLevel }
    }

    /// The most entries ``history`` keeps (the oldest are dropped).
    static let historyLimit = 1024

    /// The longest single wait while looking for an edge, so edges scheduled meanwhile are seen.
    static let waitSliceNanoseconds: UInt64 = 1_000_000

    /// Creates a line at `initialLevel`, timed by `clock`, waiting through `waiting`.
    public init(name: String = "simulated-gpio", initialLevel: Bool = true, clock: any HostClock, waiting: any DeviceWaiting) {
        self.name = name
        self.clock = clock
        self.waiting = waiting
        state = Mutex(State(deliveredLevel: initialLevel))
    }

    /// Schedules the level `level` from `time` on (now when `nil`); earlier than the last
    /// scheduled change counts as at that change. Setting the level it already has does nothing.
    public func setLevel(_ level: Bool, atNanoseconds time: UInt64? = nil) {
        let now = clock.nowNanoseconds()
        state.withLock { state in
            guard level != state.finalLevel else { return }
            let at = max(time ?? now, state.pending.last?.timeNanoseconds ?? 0)
            state.pending.append(GPIOEdgeEvent(edge: level ? .rising : .falling, timeNanoseconds: at))
        }
    }

    /// Schedules a contact that chatters: `transitions` changes `spacingNanoseconds` apart
    /// starting at `start`, alternating so that an odd count ends at `level`.
    public func bounce(to level: Bool, atNanoseconds start: UInt64, transitions: Int, spacingNanoseconds: UInt64) {
        for index in 0..<max(0, transitions) {
            setLevel(index % 2 == 0 ? level : !level, atNanoseconds: start + UInt64(index) * spacingNanoseconds)
        }
    }

    /// The last levels (up to 1024) the driver set through ``set(_:)``, with their times.
    public var history: [(level: Bool, timeNanoseconds: UInt64)] {
        state.withLock { $0.history }
    }

    /// How many times the driver set the line low through ``set(_:)``.
    public var timesDrivenLow: Int {
        state.withLock { $0.timesDrivenLow }
    }

    /// The level now.
    public var level: Bool {
        let now = clock.nowNanoseconds()
        return state.withLock { $0.level(at: now) }
    }

    /// The level now.
    public func read() throws(HardwareError) -> Bool {
        level
    }

    /// The next scheduled edge, waiting on the clock up to `timeoutNanoseconds` for it.
    public func waitForEdge(timeoutNanoseconds: UInt64) throws(HardwareError) -> GPIOEdgeEvent? {
        let deadline = clock.nowNanoseconds() &+ timeoutNanoseconds
        // Bounded even when the clock does not move while waiting (a manual clock slept on).
        for _ in 0...(timeoutNanoseconds / Self.waitSliceNanoseconds + 2) {
            let now = clock.nowNanoseconds()
            let (next, due): (GPIOEdgeEvent?, UInt64?) = state.withLock { state in
                guard let first = state.pending.first else { return (nil, nil) }
                guard first.timeNanoseconds <= now else { return (nil, first.timeNanoseconds) }
                state.pending.removeFirst()
                state.deliveredLevel = first.edge == .rising
                return (first, nil)
            }
            if let next { return next }
            guard now < deadline else { return nil }
            waiting.wait(nanoseconds: min(max(1, min(due ?? deadline, deadline) - now), Self.waitSliceNanoseconds))
        }
        return nil
    }

    /// The clock's time.
    public func nowNanoseconds() -> UInt64 {
        clock.nowNanoseconds()
    }

    /// Drives the line (recorded in ``history``).
    public func set(_ level: Bool) throws(HardwareError) {
        let now = clock.nowNanoseconds()
        state.withLock { state in
            state.history.append((level, now))
            if state.history.count > Self.historyLimit { state.history.removeFirst(state.history.count - Self.historyLimit) }
            if !level { state.timesDrivenLow += 1 }
        }
        setLevel(level, atNanoseconds: now)
    }
}
