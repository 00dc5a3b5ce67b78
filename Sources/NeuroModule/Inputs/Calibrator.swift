import NeuroCore

/// Collects readings for the two calibration steps and turns them into an ``InputCalibration``.
///
/// Step 1 (`zero`): every input unpatched, so each should read 0 V; the offset cancels what it
/// reads. Step 2 (`scale`): a known voltage patched into the inputs being calibrated; the gain
/// maps the offset-corrected reading onto it. Readings are averaged, so converter noise does not
/// end up in the file.
public struct Calibrator: Sendable {
    /// The calibration step being measured.
    public enum Step: Sendable, Equatable {
        /// Every input unpatched (0 V).
        case zero
        /// `volts` patched into the inputs measured.
        case scale(volts: Double)
    }

    /// The step being measured.
    public let step: Step
    private var sums: [ModuleInput: (total: Double, count: Int)] = [:]

    /// Starts collecting readings for `step`.
    public init(step: Step) {
        self.step = step
    }

    /// Adds one uncorrected reading of `input`, in jack volts.
    public mutating func add(_ volts: Double, for input: ModuleInput) {
        let sum = sums[input] ?? (0, 0)
        sums[input] = (sum.total + volts, sum.count + 1)
    }

    /// The readings taken per input.
    public func readingCount(for input: ModuleInput) -> Int { sums[input]?.count ?? 0 }

    /// `previous` with the offsets (zero step) or gains (scale step) of the measured `inputs` replaced.
    ///
    /// - Throws: `.invalidData` naming the input when a result falls outside the calibration's
    ///   limits (an input that was patched during the zero step, or not patched during the scale step).
    public func calibration(
        updating previous: InputCalibration, inputs: [ModuleInput] = ModuleInput.allCases
    ) throws(NeuroError) -> InputCalibration {
        var result = previous
        for input in inputs {
            guard let sum = sums[input], sum.count > 0 else { continue }
            let mean = sum.total / Double(sum.count)
            var correction = previous.inputs[input] ?? InputCalibration.Correction()
            switch step {
            case .zero:
                correction.offset = -correction.gain * mean
                guard InputCalibration.offsetLimits.contains(correction.offset) else {
                    throw NeuroError(
                        .invalidData,
                        "calibration: \(input.rawValue) reads \(Self.volts(mean)) with nothing patched; unpatch it and try again")
                }
            case .scale(let volts):
                let gain = volts / (mean + correction.offset / correction.gain)
                guard gain.isFinite, InputCalibration.gainLimits.contains(gain) else {
                    throw NeuroError(
                        .invalidData,
                        "calibration: \(input.rawValue) reads \(Self.volts(mean)) with \(Self.volts(volts)) patched; is the voltage patched into it?")
                }
                correction.offset *= gain / correction.gain
                correction.gain = gain
            }
            result.inputs[input] = correction
        }
        return result
    }

    private static func volts(_ value: Double) -> String {
        let rounded = (value * 1_000).rounded() / 1_000
        return "\(rounded) V"
    }
}
