/// A named curve of control frames describing one impact over time.
///
/// Profiles are measured from real recordings (the profile library) or read from CSV/JSON.
/// The JSON form is the one `neurorack-run describe --format json` writes:
/// `{"name": …, "sample_rate": 22050, "hop": 512, "frames": N, "rms": […], …, "f0": […]}`.
public struct ImpactProfile: Sendable, Equatable {
    /// The default length of an impact: 301 frames ≈ 7 s at 22 050 Hz and 512 samples per frame.
    public static let defaultFrameCount = 301
    /// The rate descriptor curves are measured at (the Neurorack models' rate), in Hz.
    public static let standardSampleRate = 22_050
    /// Samples between two frames of a curve at ``standardSampleRate``.
    public static let standardHop = 512

    /// A short machine name, e.g. `kick-acoustic-1`.
    public var name: String
    /// The frames, one per hop.
    public var frames: [ControlFrame]
    /// The sample rate the curve was measured at.
    public var sampleRate: Int
    /// The samples between frames.
    public var hop: Int

    /// Creates a profile.
    public init(name: String, frames: [ControlFrame], sampleRate: Int = standardSampleRate, hop: Int = standardHop) {
        self.name = name
        self.frames = frames
        self.sampleRate = sampleRate
        self.hop = hop
    }

    /// The values of one descriptor along the curve.
    public func curve(_ descriptor: Descriptor) -> [Float] { frames.map { $0[descriptor] } }

    /// The profile resampled (linear interpolation) to `count` frames.
    public func resampled(toFrameCount count: Int) -> ImpactProfile {
        guard count != frames.count, count > 0, !frames.isEmpty else { return self }
        let scale = frames.count > 1 && count > 1 ? Float(frames.count - 1) / Float(count - 1) : 0
        let resampledFrames = (0..<count).map { index -> ControlFrame in
            let position = Float(index) * scale
            let lower = min(Int(position), frames.count - 1)
            let upper = min(lower + 1, frames.count - 1)
            let weight = position - Float(lower)
            return ControlFrame.interpolate(frames[lower], frames[upper], weight: weight)
        }
        return ImpactProfile(name: name, frames: resampledFrames, sampleRate: sampleRate, hop: hop)
    }
}

extension ControlFrame {
    /// Linear interpolation `a + (b - a) · weight`, descriptor by descriptor.
    public static func interpolate(_ a: ControlFrame, _ b: ControlFrame, weight: Float) -> ControlFrame {
        var result = a
        for descriptor in Descriptor.allCases {
            result[descriptor] = a[descriptor] + (b[descriptor] - a[descriptor]) * weight
        }
        return result
    }
}

extension ImpactProfile: Codable {
    /// Decodes the JSON form; every descriptor array must have `frames` finite entries.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        let name = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("name")) ?? "custom"
        let sampleRate = try container.decodeIfPresent(Int.self, forKey: NamedCodingKey("sample_rate")) ?? Self.standardSampleRate
        let hop = try container.decodeIfPresent(Int.self, forKey: NamedCodingKey("hop")) ?? Self.standardHop
        var columns: [[Float]] = []
        for descriptor in Descriptor.allCases {
            let column = try container.decode([Float].self, forKey: NamedCodingKey(descriptor.key))
            if let first = columns.first, first.count != column.count {
                throw DecodingError.dataCorruptedError(
                    forKey: NamedCodingKey(descriptor.key), in: container,
                    debugDescription: "expected \(first.count) values like \"rms\", found \(column.count)")
            }
            columns.append(column)
        }
        let count = columns[0].count
        if let declared = try container.decodeIfPresent(Int.self, forKey: NamedCodingKey("frames")), declared != count {
            throw DecodingError.dataCorruptedError(
                forKey: NamedCodingKey("frames"), in: container,
                debugDescription: "declares \(declared) frames but the curves have \(count)")
        }
        let frames = (0..<count).map { index in ControlFrame(values: columns.map { $0[index] }) }
        self.init(name: name, frames: frames, sampleRate: sampleRate, hop: hop)
    }

    /// Encodes the JSON form: `name`, `sample_rate`, `hop`, `frames`, then one array per
    /// descriptor (``Descriptor/key``) in ``Descriptor`` order; non-finite values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedCodingKey.self)
        try container.encode(name, forKey: NamedCodingKey("name"))
        try container.encode(sampleRate, forKey: NamedCodingKey("sample_rate"))
        try container.encode(hop, forKey: NamedCodingKey("hop"))
        try container.encode(frames.count, forKey: NamedCodingKey("frames"))
        for descriptor in Descriptor.allCases {
            try container.encode(curve(descriptor).map { $0.isFinite ? $0 : nil }, forKey: NamedCodingKey(descriptor.key))
        }
    }
}
