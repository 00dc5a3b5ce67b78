import Foundation
import NeuroCore
import NeuroFiles

/// Per-input corrections of the measured jack voltages, stored in a JSON file the firmware loads.
///
/// A calibrated reading is `gain · measured + offset`, where `measured` comes from
/// ``InputScaling`` and the reference measured on its own pin. `neurorack-run module calibrate`
/// writes the file in two steps (see ``Calibrator``): offsets with every input unpatched, then
/// gains with a known voltage patched.
///
/// ```json
/// {"format": "neurorack-calibration", "version": 1,
///  "inputs": {"gate1": {"offset": -0.012, "gain": 1.0}, "cv1": {"offset": 0.004, "gain": 0.996}}}
/// ```
/// Inputs that are not listed are uncorrected.
public struct InputCalibration: Sendable, Equatable, Codable {
    /// The correction of one input.
    public struct Correction: Sendable, Equatable, Codable {
        /// Volts added after the gain.
        public var offset: Double
        /// The factor applied to the measured voltage.
        public var gain: Double

        /// Creates a correction.
        public init(offset: Double = 0, gain: Double = 1) {
            self.offset = offset
            self.gain = gain
        }
    }

    /// The format name in the file.
    public static let formatName = "neurorack-calibration"
    /// Offsets a calibration may store, in volts.
    public static let offsetLimits: ClosedRange<Double> = -2...2
    /// Gains a calibration may store.
    public static let gainLimits: ClosedRange<Double> = 0.5...2

    /// The format name, always ``formatName``.
    public var format: String
    /// The format version, 1.
    public var version: Int
    /// The correction of each input that has one.
    public var inputs: [ModuleInput: Correction]

    /// No corrections.
    public static let identity = InputCalibration(inputs: [:])

    /// Creates a calibration.
    public init(inputs: [ModuleInput: Correction]) {
        format = Self.formatName
        version = 1
        self.inputs = inputs
    }

    /// The calibrated value of a measured voltage at `input`.
    public func corrected(_ volts: Double, at input: ModuleInput) -> Double {
        guard let correction = inputs[input] else { return volts }
        return correction.gain * volts + correction.offset
    }

    /// Reads and checks a calibration file.
    ///
    /// - Throws: `.missingInput` when it cannot be read; `.invalidData` naming the file and the
    ///   field when it is not a calibration or a value is outside ``offsetLimits`` / ``gainLimits``.
    public init(contentsOf url: URL) throws(NeuroError) {
        let data = try InputFile.contents(of: url, limit: 1 << 16)
        self = try JSONFile.decode(InputCalibration.self, from: data, name: "\(url.path): not a calibration file")
        try validate(name: url.path)
    }

    /// Writes the calibration atomically as JSON.
    public func write(to url: URL) throws(NeuroError) {
        try JSONFile.write(self, to: url, what: "the calibration")
    }

    /// Checks the format, version and every value.
    ///
    /// - Throws: `.invalidData` naming `name` and the field.
    public func validate(name: String) throws(NeuroError) {
        guard format == Self.formatName else {
            throw NeuroError(.invalidData, "\(name): format must be \"\(Self.formatName)\", got \"\(format)\"")
        }
        guard version == 1 else { throw NeuroError(.invalidData, "\(name): version must be 1, got \(version)") }
        for input in ModuleInput.allCases {
            guard let correction = inputs[input] else { continue }
            guard correction.offset.isFinite, Self.offsetLimits.contains(correction.offset) else {
                throw NeuroError(.invalidData, "\(name): inputs.\(input.rawValue).offset must be \(Self.offsetLimits) V, got \(correction.offset)")
            }
            guard correction.gain.isFinite, Self.gainLimits.contains(correction.gain) else {
                throw NeuroError(.invalidData, "\(name): inputs.\(input.rawValue).gain must be \(Self.gainLimits), got \(correction.gain)")
            }
        }
    }

    private enum CodingKeys: String, CodingKey { case format, version, inputs }

    /// Decodes the fields; input names must be ``ModuleInput`` raw values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        version = try container.decode(Int.self, forKey: .version)
        let named = try container.decode([String: Correction].self, forKey: .inputs)
        inputs = [:]
        for (name, correction) in named {
            guard let input = ModuleInput(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .inputs, in: container,
                    debugDescription: "unknown input \"\(name)\" (expected \(ModuleInput.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            inputs[input] = correction
        }
    }

    /// Encodes the fields with input names as keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(version, forKey: .version)
        try container.encode(Dictionary(uniqueKeysWithValues: inputs.map { ($0.key.rawValue, $0.value) }), forKey: .inputs)
    }
}
