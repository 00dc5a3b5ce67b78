import NeuroCore
import Foundation

/// The CSV and JSON forms of descriptor curves that `neurorack-run describe` writes and
/// ``ProfileFile`` reads.
///
/// JSON: `ImpactProfile`'s `Codable` form, one object with `name`, `sample_rate` (22050),
/// `hop` (512), `frames` (N) and one array of N values per descriptor key (`rms`, `zcr`,
/// `rolloff`, `flatness`, `bandwidth`, `centroid`, `f0`) — keys sorted, numbers in the
/// shortest form that reads back to the same `Float`, non-finite values as `null`.
///
/// CSV: the header `rms,zcr,rolloff,flatness,bandwidth,centroid,f0`, then one line per frame
/// (non-finite values as `nan`).
public enum ProfileTextFormats {
    /// The CSV header line (without newline).
    public static let csvHeader = Descriptor.allCases.map(\.key).joined(separator: ",")

    /// The CSV text of `profile`, newline-terminated.
    public static func csv(_ profile: ImpactProfile) -> String {
        var lines = [csvHeader]
        lines.reserveCapacity(profile.frames.count + 1)
        for frame in profile.frames {
            lines.append(Descriptor.allCases.map { number(frame[$0], nonFinite: "nan") }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON text of `profile`, newline-terminated.
    public static func json(_ profile: ImpactProfile) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(profile) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The shortest text that reads back to `value`; `nonFinite` for NaN and infinities.
    static func number(_ value: Float, nonFinite: String) -> String {
        guard value.isFinite else { return nonFinite }
        if value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
        return "\(value)"
    }
}
