import NeuroCore

/// Polls the two converters and turns their readings into gate triggers and CV moves.
///
/// Every poll reads both gates; the reference is re-read every ``referenceInterval`` polls and
/// the five CVs one per poll in turn, so a poll costs three conversions and gates are sampled
/// at the full poll rate. A failing read is counted, the device is reported missing until it
/// answers again, and the other inputs keep working: audio never waits for the bus.
public struct ModuleInputReader {
    /// What a poll found.
    public enum Reading: Sendable, Equatable {
        /// A gate fired at this monotonic time (seconds).
        case gate(ModuleInput, time: Double)
        /// A CV moved to this calibrated jack voltage.
        case cv(ModuleInput, volts: Double)
    }

    /// Polls between two readings of the reference.
    public static let referenceInterval = 16

    private let converters: [any ModuleConverter]
    private let scaling: InputScaling
    /// The corrections applied to every reading.
    public var calibration: InputCalibration
    private var gates: [ModuleInput: GateDetector]
    private var trackers: [ModuleInput: CVTracker]
    private var pollCount = 0
    private var nextCV = 0
    /// The reference voltage at its pin, as last read.
    public private(set) var referencePinVolts: Double
    /// Reads that failed so far.
    public private(set) var failedReads = 0
    /// The devices whose last read failed, with the error.
    public private(set) var failingDevices: [String: String] = [:]
    /// When set, every uncorrected jack reading of a poll goes here too (calibration).
    public var calibrator: Calibrator?

    /// A reader of `converters` (ADC0, ADC1) with `wiring`'s divider and thresholds.
    public init(converters: [any ModuleConverter], wiring: ModuleWiring = .standard, calibration: InputCalibration = .identity) {
        self.converters = converters
        scaling = InputScaling(wiring: wiring)
        self.calibration = calibration
        referencePinVolts = wiring.nominalReferenceVolts
        gates = [.gate1: GateDetector(wiring: wiring), .gate2: GateDetector(wiring: wiring)]
        trackers = Dictionary(uniqueKeysWithValues: ModuleInput.allCases.filter { !$0.isGate }.map { ($0, CVTracker(wiring: wiring)) })
    }

    /// One poll at monotonic `time` (seconds): the gates, the reference when due, and one CV.
    public mutating func poll(at time: Double) -> [Reading] {
        if pollCount % Self.referenceInterval == 0 {
            let reference = ModuleInput.referenceChannel
            if let volts = read(converter: reference.converter, channel: reference.channel) { referencePinVolts = volts }
        }
        pollCount += 1
        var readings: [Reading] = []
        for gate in [ModuleInput.gate1, .gate2] {
            guard let volts = jackVolts(gate) else {
                gates[gate]?.forgetPreviousReading()
                continue
            }
            if let fired = gates[gate]?.update(volts: volts, reference: referencePinVolts, at: time) {
                readings.append(.gate(gate, time: fired))
            }
        }
        let cvs = ModuleInput.allCases.filter { !$0.isGate }
        let cv = cvs[nextCV]
        nextCV = (nextCV + 1) % cvs.count
        if let volts = jackVolts(cv), let moved = trackers[cv]?.update(volts: volts) {
            readings.append(.cv(cv, volts: moved))
        }
        return readings
    }

    /// The calibrated jack voltage of `input`, `nil` when the read failed.
    private mutating func jackVolts(_ input: ModuleInput) -> Double? {
        let place = input.converterChannel
        guard let pin = read(converter: place.converter, channel: place.channel) else { return nil }
        let measured = scaling.jackVolts(pin: pin, reference: referencePinVolts)
        calibrator?.add(measured, for: input)
        return calibration.corrected(measured, at: input)
    }

    private mutating func read(converter index: Int, channel: Int) -> Double? {
        guard converters.indices.contains(index) else { return nil }
        let converter = converters[index]
        do {
            let volts = try converter.readPinVolts(channel: channel)
            failingDevices[converter.deviceName] = nil
            return volts
        } catch {
            failedReads += 1
            failingDevices[converter.deviceName] = error.message
            return nil
        }
    }
}
