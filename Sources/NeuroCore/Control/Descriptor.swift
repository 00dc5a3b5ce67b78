/// One of the seven perceptual descriptors that control an impact.
///
/// The order of the cases is the column order of the original Neurorack model
/// (rms, zcr, rolloff, flatness, bandwidth, centroid, f0) and of every CSV/JSON file
/// the project reads or writes. Values are raw physical quantities (linear amplitude,
/// fractions, Hz); models normalise them with their own statistics.
public enum Descriptor: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// Root-mean-square amplitude of a frame (linear). Musical name: Loudness.
    case rms
    /// Zero-crossing rate of a frame (0…1). Musical name: Percussivity.
    case zcr
    /// Spectral roll-off frequency at 85 % of the magnitude (Hz). Musical name: Tone.
    case rolloff
    /// Spectral flatness (0…1). Musical name: Noise.
    case flatness
    /// Spectral bandwidth, p = 2 (Hz). Musical name: Richness.
    case bandwidth
    /// Spectral centroid (Hz). Musical name: Brightness.
    case centroid
    /// Fundamental frequency from YIN (Hz); values ≤ 0 mean unvoiced.
    case f0

    /// The machine name used in CSV headers, JSON keys and on the command line.
    public var key: String {
        switch self {
        case .rms: "rms"
        case .zcr: "zcr"
        case .rolloff: "rolloff"
        case .flatness: "flatness"
        case .bandwidth: "bandwidth"
        case .centroid: "centroid"
        case .f0: "f0"
        }
    }

    /// The musical name shown on the module's screen and in help texts.
    public var musicalName: String {
        switch self {
        case .rms: "Loudness"
        case .zcr: "Percussivity"
        case .rolloff: "Tone"
        case .flatness: "Noise"
        case .bandwidth: "Richness"
        case .centroid: "Brightness"
        case .f0: "Pitch"
        }
    }

    /// The unit of the raw value, for labels.
    public var unit: String {
        switch self {
        case .rms, .zcr, .flatness: ""
        case .rolloff, .bandwidth, .centroid, .f0: "Hz"
        }
    }

    /// The descriptor whose ``key`` is `key`, or `nil`.
    public init?(key: String) {
        guard let match = Descriptor.allCases.first(where: { $0.key == key }) else { return nil }
        self = match
    }

    /// The machine name, see ``key``.
    public var description: String { key }
}
