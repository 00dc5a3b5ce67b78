/// How the engine's control path carries latent controls to a latent decoder.
///
/// The scheduler asks a ``LatentControl`` for descriptor frames and applies the CVs to them
/// (with ``CVModulation/standard``: CV2 morphs between two profiles, CV3–CV5 scale three
/// descriptors, 0…4 over 0…4 V). A latent decoder reuses
/// that path unchanged with the two *carrier* profiles of ``control(frameCount:)``: their frames
/// hold 0 and 1 in `rms` and 1 in the three scaled descriptors, so a generated frame carries
/// α = CV2's morph position in `rms` and the CV3–CV5 scales (0…4, 1 unpatched) in roll-off,
/// flatness and bandwidth. The decoder turns them back with ``alpha(of:)`` and
/// ``offsets(of:)`` and reads its latent values from a ``LatentMorph``.
public enum LatentCarrier {
    /// The number of offset inputs (CV3, CV4, CV5).
    public static let offsetCount = 3

    /// The control whose frames carry α and the CV scales, for impacts of `frameCount` frames
    /// (always with the standard CV assignment, which ``alpha(of:)`` and ``offsets(of:)`` read back).
    public static func control(frameCount: Int) -> LatentControl {
        let neutral = ControlFrame(rms: 0, zcr: 0, rolloff: 1, flatness: 1, bandwidth: 1, centroid: 0, f0: 0)
        var full = neutral
        full.rms = 1
        let count = max(frameCount, 1)
        return LatentControl(
            primary: ImpactProfile(name: "latent-carrier-0", frames: Array(repeating: neutral, count: count)),
            secondary: ImpactProfile(name: "latent-carrier-1", frames: Array(repeating: full, count: count)),
            modulation: .standard)
    }

    /// The morph position a carried frame holds.
    public static func alpha(of frame: ControlFrame) -> Float { frame.rms }

    /// The three offsets a carried frame holds (scale − 1: 0 unpatched, −1…3), in lanes 0–2.
    public static func offsets(of frame: ControlFrame) -> SIMD4<Float> {
        var offsets = SIMD4<Float>.zero
        for (slot, scaled) in LatentControl.scaledDescriptors.enumerated() {
            offsets[slot] = frame[scaled.descriptor] - 1
        }
        return offsets
    }
}
