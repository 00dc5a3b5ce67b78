/// Turns the samples of one gate input into trigger times, like the original module.
///
/// A gate fires when its voltage rises above the threshold (reference + 1 V) while armed, and
/// re-arms once it is below the threshold again and the re-arm time (0.1 s) has passed since it
/// fired. The trigger time is interpolated between the two readings that straddle the
/// threshold, so a slowly polled gate still lands at the right sample.
public struct GateDetector: Sendable {
    /// Volts above the reference at which the gate fires.
    public let thresholdAboveReference: Double
    /// Seconds after a trigger before the gate can fire again.
    public let rearmSeconds: Double
    private var firedAt: Double?
    private var previous: (volts: Double, time: Double)?

    /// A detector with `wiring`'s threshold and re-arm time.
    public init(wiring: ModuleWiring = .standard) {
        thresholdAboveReference = wiring.gateThresholdVolts
        rearmSeconds = wiring.gateRearmSeconds
    }

    /// Feeds one reading (jack volts at monotonic `time` in seconds); returns the trigger time
    /// when the gate fires at this reading.
    public mutating func update(volts: Double, reference: Double, at time: Double) -> Double? {
        let threshold = reference + thresholdAboveReference
        defer { previous = (volts, time) }
        if let fired = firedAt {
            if volts < threshold, time - fired >= rearmSeconds { firedAt = nil }
            return nil
        }
        guard volts > threshold else { return nil }
        var triggerTime = time
        if let previous, previous.volts <= threshold, previous.time < time, volts > previous.volts {
            let fraction = (threshold - previous.volts) / (volts - previous.volts)
            triggerTime = previous.time + fraction * (time - previous.time)
        }
        firedAt = triggerTime
        return triggerTime
    }

    /// Forgets the last reading (after a read failure), so no trigger is interpolated across the gap.
    public mutating func forgetPreviousReading() { previous = nil }
}
