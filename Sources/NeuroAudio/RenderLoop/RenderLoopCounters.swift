/// What a ``RenderLoop`` has done: periods, late periods, failed writes and the longest render.
public struct RenderLoopCounters: Sendable, Equatable {
    /// Periods rendered and handed to the sink.
    public var periods: Int
    /// Periods whose engine render took longer than the period lasts (the audio would glitch on a device).
    public var deadlineMisses: Int
    /// Periods the sink could not take (device error, full disk, full capture).
    public var sinkFailures: Int
    /// The longest engine render of one period so far, in nanoseconds.
    public var longestRenderNanoseconds: UInt64

    /// Creates a set of counters.
    public init(periods: Int = 0, deadlineMisses: Int = 0, sinkFailures: Int = 0, longestRenderNanoseconds: UInt64 = 0) {
        self.periods = periods
        self.deadlineMisses = deadlineMisses
        self.sinkFailures = sinkFailures
        self.longestRenderNanoseconds = longestRenderNanoseconds
    }
}
