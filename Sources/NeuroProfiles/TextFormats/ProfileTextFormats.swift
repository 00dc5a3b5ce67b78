import NeuroCore
/// The CSV and JSON forms of descriptor curves that `neurorack-run describe` writes.
///
/// JSON: `{"sample_rate":22050,"hop":512,"frames":N,"rms":[…],"zcr":[…],"rolloff":[…],
/// "flatness":[…],"bandwidth":[…],"centroid":[…],"f0":[…]}` — keys in that order, numbers in
/// the shortest form that reads back to the same `Float`, non-finite values as `null`.
/// ``ImpactProfile``'s `Decodable` reads it back (the name defaults to "custom").
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
        var fields = [
            "\"sample_rate\":\(profile.sampleRate)", "\"hop\":\(profile.hop)", "\"frames\":\(profile.frames.count)",
        ]
        for descriptor in Descriptor.allCases {
            let values = profile.frames.map { number($0[descriptor], nonFinite: "null") }.joined(separator: ",")
            fields.append("\"\(descriptor.key)\":[\(values)]")
        }
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    /// The shortest text that reads back to `value`; `nonFinite` for NaN and infinities.
    static func number(_ value: Float, nonFinite: String) -> String {
        guard value.isFinite else { return nonFinite }
        if value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
        return "\(value)"
    }
}
