/// Reports a CV input only when it moved, like the original module (by at least 0.05 V).
///
/// Converter noise of a millivolt or two would otherwise send a control change every poll.
public struct CVTracker: Sendable, Equatable {
    /// The smallest change, in volts, that counts as a move.
    public let moveVolts: Double
    /// The last value reported, `nil` before the first reading.
    public private(set) var reported: Double?

    /// A tracker with `wiring`'s move threshold.
    public init(wiring: ModuleWiring = .standard) {
        moveVolts = wiring.cvMoveVolts
    }

    /// Feeds one reading in volts; returns it when it is the first or moved from the last reported value.
    public mutating func update(volts: Double) -> Double? {
        if let reported, abs(volts - reported) < moveVolts { return nil }
        reported = volts
        return volts
    }
}
