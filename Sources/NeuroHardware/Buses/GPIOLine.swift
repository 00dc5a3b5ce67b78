/// A change of level seen on a GPIO input line, with the kernel's (or the simulation's) time.
public struct GPIOEdgeEvent: Sendable, Equatable {
    /// Which way the level went.
    public enum Edge: Sendable, Equatable {
        /// Low to high.
        case rising
        /// High to low.
        case falling
    }

    /// Which way the level went.
    public var edge: Edge
    /// When, in nanoseconds on the line's clock (``GPIOInputLine/nowNanoseconds()``).
    public var timeNanoseconds: UInt64

    /// Creates an event.
    public init(edge: Edge, timeNanoseconds: UInt64) {
        self.edge = edge
        self.timeNanoseconds = timeNanoseconds
    }
}

/// A GPIO line configured as an input with edge detection on both edges.
///
/// - Important: Not real-time: blocking system calls.
public protocol GPIOInputLine: AnyObject, Sendable {
    /// The line's name in errors (`/dev/gpiochip0 line 50`).
    var name: String { get }

    /// The current level (`true` = high).
    func read() throws(HardwareError) -> Bool

    /// The next edge, waiting up to `timeoutNanoseconds`; `nil` when none came in that time.
    func waitForEdge(timeoutNanoseconds: UInt64) throws(HardwareError) -> GPIOEdgeEvent?

    /// Now, on the clock of ``GPIOEdgeEvent/timeNanoseconds`` (`CLOCK_MONOTONIC` on Linux).
    func nowNanoseconds() -> UInt64
}

/// A GPIO line configured as an output.
///
/// - Important: Not real-time: blocking system calls.
public protocol GPIOOutputLine: AnyObject, Sendable {
    /// The line's name in errors (`/dev/gpiochip0 line 13`).
    var name: String { get }

    /// Drives the line high (`true`) or low.
    func set(_ level: Bool) throws(HardwareError)
}
