import NeuroCore

/// A control event at a sample time of a render: the script of an offline live-style render.
///
/// A ``RenderLoop`` hands it to the engine in the period that contains `sampleTime`; a
/// gate-play event starts at its exact sample (its own offset is replaced by the one inside
/// that period).
public struct ScheduledEvent: Sendable, Equatable {
    /// The output sample at which the event happens, from 0 = the first sample of the
    /// ``RenderLoop/run(periods:script:generation:)`` call that applies it.
    public var sampleTime: Int
    /// The event.
    public var event: ControlEvent

    /// Creates a scheduled event.
    public init(sampleTime: Int, event: ControlEvent) {
        self.sampleTime = sampleTime
        self.event = event
    }
}
