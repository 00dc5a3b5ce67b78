/// The latent-control layer of decoders: two latent profiles morphed with α, and offsets on
/// chosen latent dimensions.
///
/// The latent counterpart of ``LatentControl``: frame `t` is `(1 − α)·P0[t] + α·P1[t]`, then
/// ``offsetDimensions``[k] gets `offsets[k] · offsetDepth` added. In the engine α and the offsets
/// come from the CV inputs through ``LatentCarrier`` (CV2 → α, CV3–CV5 → the three offsets), so
/// a CV change reaches the next generated chunk, as it does for descriptor models.
public struct LatentMorph: Sendable, Equatable {
    /// The profile at α = 0.
    public let primary: LatentProfile
    /// The profile at α = 1, stretched to the primary's length; `nil`: no morphing.
    public let secondary: LatentProfile?
    /// The latent dimensions the offsets move, in CV order (CV3, CV4, CV5); at most three.
    public let offsetDimensions: [Int]
    /// Latent units one offset step adds.
    public let offsetDepth: Float

    /// Creates the morph; `secondary` is stretched to the primary's length; `offsetDimensions`
    /// `nil` takes the first three latent dimensions (fewer when the latent is smaller).
    ///
    /// - Throws: `.invalidData` when the profiles' dimensions differ, a dimension is outside the
    ///   latent size, more than three dimensions are given, or the depth is not finite.
    public init(
        primary: LatentProfile, secondary: LatentProfile? = nil, offsetDimensions: [Int]? = nil, offsetDepth: Float = 1
    ) throws(NeuroError) {
        let offsetDimensions = offsetDimensions ?? Array(0..<min(LatentCarrier.offsetCount, primary.dimension))
        if let secondary, secondary.dimension != primary.dimension {
            throw NeuroError(
                .invalidData,
                "latent morph: '\(secondary.name)' has \(secondary.dimension) dimensions, '\(primary.name)' has \(primary.dimension)")
        }
        guard offsetDimensions.count <= LatentCarrier.offsetCount else {
            throw NeuroError(.invalidData, "latent morph: at most \(LatentCarrier.offsetCount) offset dimensions (CV3–CV5), got \(offsetDimensions.count)")
        }
        if let bad = offsetDimensions.first(where: { !(0..<primary.dimension).contains($0) }) {
            throw NeuroError(.invalidData, "latent morph: offset dimension \(bad) is outside 0..<\(primary.dimension) (the latent size)")
        }
        guard offsetDepth.isFinite else {
            throw NeuroError(.invalidData, "latent morph: offset depth must be finite, got \(offsetDepth)")
        }
        self.primary = primary
        self.secondary = secondary?.resampled(toFrameCount: primary.frameCount)
        self.offsetDimensions = offsetDimensions
        self.offsetDepth = offsetDepth
    }

    /// Values per frame.
    public var dimension: Int { primary.dimension }
    /// Frames of an impact.
    public var frameCount: Int { primary.frameCount }

    /// Component `component` of frame `index` (clamped) for morph position `alpha` and the
    /// offsets of ``LatentCarrier/offsets(of:)``.
    public func value(frame index: Int, component: Int, alpha: Float, offsets: SIMD4<Float>) -> Float {
        var value = primary.value(frame: index, component: component)
        if let secondary {
            value += (secondary.value(frame: index, component: component) - value) * alpha
        }
        for (slot, dimension) in offsetDimensions.enumerated() where dimension == component {
            value += offsets[slot] * offsetDepth
        }
        return value
    }
}
