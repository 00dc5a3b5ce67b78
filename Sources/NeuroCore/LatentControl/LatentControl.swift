/// Maps the two reference profiles and the CV inputs to the control frames a model receives.
///
/// With the ``CVModulation/standard`` assignment the semantics are the original module's: the
/// curve is `(1 − α)·F0 + α·F1` with α from CV2, then Tone (roll-off), Noise (flatness) and
/// Richness (bandwidth) are multiplied by CV3, CV4 and CV5 along the whole curve; another
/// ``modulation`` assigns the inputs differently. Last, f0 is transposed by
/// ``CVState/transposition``. Unlike the original, callers may ask for any
/// frame at any time, so CV changes reach the next generated chunk of an impact that is already playing.
public struct LatentControl: Sendable, Equatable {
    /// The descriptors CV3, CV4 and CV5 scale, in that order.
    public static let scaledDescriptors: [(input: Int, descriptor: Descriptor)] = [
        (3, .rolloff), (4, .flatness), (5, .bandwidth),
    ]

    /// The profile at α = 0 (F0).
    public var primary: ImpactProfile
    /// The profile at α = 1 (F1); `nil` means no morphing (F1 = F0).
    public var secondary: ImpactProfile?
    /// What each CV input drives.
    public var modulation: CVModulation

    /// Creates the control from one or two profiles (the second is resampled to the first's
    /// length) and a CV assignment.
    public init(primary: ImpactProfile, secondary: ImpactProfile? = nil, modulation: CVModulation = .standard) {
        self.primary = primary
        self.secondary = secondary?.resampled(toFrameCount: primary.frames.count)
        self.modulation = modulation
    }

    /// The number of frames of an impact.
    public var frameCount: Int { primary.frames.count }

    /// The control frame at `index` (clamped to the curve) for the CV inputs `cv`.
    public func frame(at index: Int, cv: CVState) -> ControlFrame {
        let clampedIndex = min(max(index, 0), frameCount - 1)
        var frame = primary.frames[clampedIndex]
        if let secondary, let alpha = modulation.morph(for: cv) {
            frame = ControlFrame.interpolate(frame, secondary.frames[clampedIndex], weight: alpha)
        }
        modulation.scale(&frame, for: cv)
        if cv.transposition != 0 { frame.f0 *= semitoneRatio(cv.transposition) }
        return frame
    }

    /// All frames of the impact for the CV inputs `cv`.
    public func frames(cv: CVState) -> [ControlFrame] {
        (0..<frameCount).map { frame(at: $0, cv: cv) }
    }
}

