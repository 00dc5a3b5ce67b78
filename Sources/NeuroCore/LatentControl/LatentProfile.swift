/// A latent trajectory: frames of `dimension` values at a decoder's latent rate.
///
/// The latent counterpart of ``ImpactProfile`` for models whose controls are latent
/// trajectories (RAVE/nn~ `decode`): made by a model's `encode` of a recorded impact, played
/// back frame by frame through ``LatentMorph``. Values are stored frame after frame.
public struct LatentProfile: Sendable, Equatable {
    /// A short name (the source file's name, for example).
    public var name: String
    /// Values per frame (the model's latent size).
    public let dimension: Int
    /// Latent frames per second (the model's sample rate divided by its decode ratio).
    public let frameRate: Double
    /// `frameCount · dimension` values, frame after frame.
    public let values: [Float]

    /// Creates a profile, checking that `values` holds whole frames of finite numbers.
    ///
    /// - Throws: `.invalidData` naming the profile and the broken rule.
    public init(name: String, dimension: Int, frameRate: Double, values: [Float]) throws(NeuroError) {
        guard dimension >= 1 else {
            throw NeuroError(.invalidData, "latent profile '\(name)': dimension must be at least 1, got \(dimension)")
        }
        guard frameRate.isFinite, frameRate > 0 else {
            throw NeuroError(.invalidData, "latent profile '\(name)': frame rate must be positive, got \(frameRate)")
        }
        guard !values.isEmpty, values.count % dimension == 0 else {
            throw NeuroError(
                .invalidData,
                "latent profile '\(name)': expected a positive multiple of \(dimension) values (whole frames), got \(values.count)")
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(.invalidData, "latent profile '\(name)': value \(index) (frame \(index / dimension)) is NaN or infinite")
        }
        self.name = name
        self.dimension = dimension
        self.frameRate = frameRate
        self.values = values
    }

    /// The number of frames.
    public var frameCount: Int { values.count / dimension }

    /// Value `component` of frame `index`, with the frame index clamped to the profile.
    public func value(frame index: Int, component: Int) -> Float {
        values[min(max(index, 0), frameCount - 1) * dimension + component]
    }

    /// The profile stretched to `count` frames by linear interpolation (the first and last frames kept).
    public func resampled(toFrameCount count: Int) -> LatentProfile {
        precondition(count >= 1, "a latent profile needs at least one frame")
        guard count != frameCount else { return self }
        var stretched = [Float](repeating: 0, count: count * dimension)
        let scale = count > 1 ? Double(frameCount - 1) / Double(count - 1) : 0
        for frame in 0..<count {
            let position = Double(frame) * scale
            let lower = Int(position)
            let weight = Float(position - Double(lower))
            for component in 0..<dimension {
                let a = value(frame: lower, component: component)
                let b = value(frame: lower + 1, component: component)
                stretched[frame * dimension + component] = a + (b - a) * weight
            }
        }
        return LatentProfile(checkedName: name, dimension: dimension, frameRate: frameRate, values: stretched)
    }

    private init(checkedName name: String, dimension: Int, frameRate: Double, values: [Float]) {
        self.name = name
        self.dimension = dimension
        self.frameRate = frameRate
        self.values = values
    }
}
