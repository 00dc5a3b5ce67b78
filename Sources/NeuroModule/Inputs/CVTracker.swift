/// Reports a CV input only when it moved, like the original module (by at least 0.05 V).
///
/// Converter noise of a millivolt or two would otherwise send a control change every poll. An
/// input that has read 0 V (± the threshold) since start is taken as unpatched and not reported,
/// so its control keeps its neutral value instead of being pulled to the 0 V end of its range.
public struct CVTracker: Sendable, Equatable {
    /// The smallest change, in volts, that counts as a move.
    public let moveVolts: Double
    /// The last value reported, `nil` before the first reading.
    public private(set) var reported: Double?

    /// A tracker with `wiring`'s move threshold.
    public init(wiring: ModuleWiring = .standard) {
        moveVolts = wiring.cvMoveVolts
    }

    /// Feeds one reading in volts; returns it when it moved from the last reported value (or,
    /// before the first report, from 0 V).
    public mutating func update(volts: Double) -> Double? {
        if abs(volts - (reported ?? 0)) < moveVolts { return nil }
        reported = volts
        return volts
    }
}
