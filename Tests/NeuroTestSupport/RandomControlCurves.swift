import Foundation
import NeuroCore

/// Random descriptor curves with every value in its physical range, and the output bound every
/// model must keep for them (issue 13: "bounded for any finite in-range controls").
///
/// Half of the curves jump to new random values at every frame (the hostile case: colour, pitch
/// and level change abruptly at each frame boundary); the others hold each value for a random
/// number of frames, like ordinary-looking control rows. Ranges: rms uniform in 0…1; zcr and
/// flatness log-uniform in 10⁻⁴…1; roll-off, bandwidth and centroid log-uniform in 20 Hz…Nyquist;
/// f0 likewise, or unvoiced (−100…0) one frame in ten. Log-uniform draws make the small values
/// real impacts have (a low zcr and a narrow bandwidth: a narrow, low noise resonance) as
/// likely as the large ones.
public enum RandomControlCurves {
    /// The largest peak accepted for a curve, relative to its largest rms: a crest factor of
    /// 20 dB, more than any sum of the models' modes or noise can reach at the requested power, far
    /// below the +32…+40 dB spikes the hostile test found.
    public static let crestLimit: Float = 10

    /// `count` frames of curve number `seed` for a model at `sampleRate` Hz.
    public static func frames(count: Int, sampleRate: Int, seed: UInt64) -> [ControlFrame] {
        var generator = SplitMix64(seed: seed ^ 0xC0DE_CAFE_0000_0013)
        let nyquist = Float(sampleRate) / 2
        let jumpsEveryFrame = seed % 2 == 0
        var frame = ControlFrame.silence
        var holdLeft = 0
        return (0..<count).map { _ in
            if jumpsEveryFrame || holdLeft == 0 {
                func uniform(_ lower: Float, _ upper: Float) -> Float { lower + (upper - lower) * generator.nextUnitFloat() }
                func logUniform(_ lower: Float, _ upper: Float) -> Float { lower * pow(upper / lower, generator.nextUnitFloat()) }
                let isVoiced = generator.next() % 10 != 0
                frame = ControlFrame(
                    rms: uniform(0, 1), zcr: logUniform(1e-4, 1), rolloff: logUniform(20, nyquist),
                    flatness: logUniform(1e-4, 1), bandwidth: logUniform(20, nyquist), centroid: logUniform(20, nyquist),
                    f0: isVoiced ? logUniform(20, nyquist) : uniform(-100, 0))
                holdLeft = 1 + Int(generator.next() % 6)
            }
            holdLeft -= 1
            return frame
        }
    }

    /// The largest magnitude in `output`, or infinity when a sample is NaN or infinite.
    public static func peak(_ output: [Float]) -> Float {
        output.reduce(0) { $1.isFinite ? max($0, abs($1)) : .infinity }
    }

    /// The largest peak `frames` may produce: ``crestLimit`` times their largest rms (at least
    /// −40 dBFS, so that near-silent curves are not held to a bound below the noise floor).
    public static func peakLimit(for frames: [ControlFrame]) -> Float {
        crestLimit * max(frames.reduce(0) { max($0, $1.rms) }, 0.01)
    }
}
