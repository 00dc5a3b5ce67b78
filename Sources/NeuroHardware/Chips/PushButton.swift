import Synchronization

/// A press or a release of a ``PushButton``, at the time of the edge that caused it.
public struct PushButtonEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// The button went down.
        case press
        /// The button came up.
        case release
    }

    /// What happened.
    public var kind: Kind
    /// When, on the line's clock (``GPIOInputLine/nowNanoseconds()``).
    public var timeNanoseconds: UInt64

    /// Creates an event.
    public init(kind: Kind, timeNanoseconds: UInt64) {
        self.kind = kind
        self.timeNanoseconds = timeNanoseconds
    }
}

/// The debouncing rule of ``PushButton``, apart from any line so it can be tested alone.
///
/// An edge that changes the debounced state is accepted unless it comes within the debounce
/// time of the previous accepted change (contact chatter). Once that time has passed, a level
/// that still differs from the debounced state (a release hidden inside the window) is accepted
/// by ``settle(level:nowNanoseconds:)``.
public struct ButtonDebouncer: Sendable, Equatable {
    /// The debounce time.
    public let debounceNanoseconds: UInt64
    /// The line level that means "pressed" (`false`: the button pulls the line low).
    public let pressedLevel: Bool
    /// The debounced state.
    public private(set) var isPressed = false
    /// The time of the last accepted change.
    public private(set) var lastChangeNanoseconds: UInt64?

    /// Creates a debouncer in the released state.
    public init(debounceNanoseconds: UInt64, pressedLevel: Bool) {
        self.debounceNanoseconds = debounceNanoseconds
        self.pressedLevel = pressedLevel
    }

    /// The event an edge causes, if any.
    public mutating func edge(_ event: GPIOEdgeEvent) -> PushButtonEvent? {
        accept(pressed: (event.edge == .rising) == pressedLevel, at: event.timeNanoseconds)
    }

    /// The event the line's steady `level` causes once the debounce time is over, if any.
    public mutating func settle(level: Bool, nowNanoseconds: UInt64) -> PushButtonEvent? {
        guard let settledAt = settleTime, nowNanoseconds >= settledAt else { return nil }
        return accept(pressed: level == pressedLevel, at: nowNanoseconds)
    }

    /// When the current debounce window ends (`nil` before the first change).
    public var settleTime: UInt64? {
        lastChangeNanoseconds.map { $0 &+ debounceNanoseconds }
    }

    private mutating func accept(pressed: Bool, at time: UInt64) -> PushButtonEvent? {
        guard pressed != isPressed else { return nil }
        if let last = lastChangeNanoseconds, time &- last < debounceNanoseconds { return nil }
        isPressed = pressed
        lastChangeNanoseconds = time
        return PushButtonEvent(kind: pressed ? .press : .release, timeNanoseconds: time)
    }
}

/// A push button on a GPIO input line, debounced (250 ms by default, as the original module);
/// the button pulls the line low, so a falling edge is a press.
public final class PushButton: Sendable {
    /// The line.
    public let line: any GPIOInputLine
    private let debouncer: Mutex<ButtonDebouncer>

    /// The most edge waits in one ``poll(timeoutNanoseconds:)``, so a clock that does not move cannot hang it.
    static let maxWaitsPerPoll = 64

    /// Creates the button on `line`.
    public init(line: any GPIOInputLine, debounceNanoseconds: UInt64 = 250_000_000, pressedLevel: Bool = false) {
        self.line = line
        debouncer = Mutex(ButtonDebouncer(debounceNanoseconds: debounceNanoseconds, pressedLevel: pressedLevel))
    }

    /// Whether the button is down (debounced).
    public var isPressed: Bool { debouncer.withLock { $0.isPressed } }

    /// The next press or release within `timeoutNanoseconds`, or `nil`.
    ///
    /// A timeout of 0 does not block: it takes the edges already there (call it until `nil`).
    /// - Important: Call it from one thread (the firmware's input thread); it blocks up to the timeout.
    public func poll(timeoutNanoseconds: UInt64) throws(HardwareError) -> PushButtonEvent? {
        let deadline = line.nowNanoseconds() &+ timeoutNanoseconds
        for _ in 0..<Self.maxWaitsPerPoll {
            let now = line.nowNanoseconds()
            let level = try line.read()
            if let settled = debouncer.withLock({ $0.settle(level: level, nowNanoseconds: now) }) { return settled }
            var wait = deadline > now ? deadline - now : 0
            if let settleTime = debouncer.withLock({ $0.settleTime }), settleTime > now { wait = min(wait, settleTime - now) }
            if let edge = try line.waitForEdge(timeoutNanoseconds: wait) {
                if let event = debouncer.withLock({ $0.edge(edge) }) { return event }
            } else if line.nowNanoseconds() >= deadline {
                return nil
            }
        }
        return nil
    }
}
