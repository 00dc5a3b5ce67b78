/// What a ``RenderLoop`` has done: periods, late periods and failed writes.
public struct RenderLoopCounters: Sendable, Equatable {
    /// Periods rendered and handed to the sink.
    public var periods: Int
    /// Periods whose engine render took longer than the period lasts (the audio would glitch on a device).
    public var deadlineMisses: Int
    /// Periods the sink could not take (device error, full disk, full capture).
    public var sinkFailures: Int

    /// Creates a set of counters.
    public init(periods: Int = 0, deadlineMisses: Int = 0, sinkFailures: Int = 0) {
        self.periods = periods
        self.deadlineMisses = deadlineMisses
        self.sinkFailures = sinkFailures
    }
}
