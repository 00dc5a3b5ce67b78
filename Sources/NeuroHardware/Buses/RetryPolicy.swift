/// How often a driver repeats an operation that failed transiently, and the pause between tries.
///
/// Only ``HardwareError/isTransient`` failures are repeated; a missing device or a wrong kind of
/// node fails at once. The number of tries is bounded, so a dead chip costs a known time.
public struct RetryPolicy: Sendable, Equatable {
    /// Total tries, at least 1.
    public var attempts: Int
    /// Pause between two tries, in nanoseconds.
    public var pauseNanoseconds: UInt64

    /// Creates a policy; `attempts` below 1 count as 1.
    public init(attempts: Int, pauseNanoseconds: UInt64) {
        self.attempts = max(1, attempts)
        self.pauseNanoseconds = pauseNanoseconds
    }

    /// Three tries 1 ms apart: rides over an I2C glitch without stalling a control loop.
    public static let standard = RetryPolicy(attempts: 3, pauseNanoseconds: 1_000_000)
    /// One try.
    public static let never = RetryPolicy(attempts: 1, pauseNanoseconds: 0)

    /// Runs `body` until it succeeds, fails with a non-transient error, or the tries are used up.
    ///
    /// - Throws: the last error of `body`.
    public func run<T>(waiting: any DeviceWaiting, _ body: () throws(HardwareError) -> T) throws(HardwareError) -> T {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch {
                guard error.isTransient, attempt < attempts else { throw error }
                attempt += 1
                if pauseNanoseconds > 0 { waiting.wait(nanoseconds: pauseNanoseconds) }
            }
        }
    }
}
