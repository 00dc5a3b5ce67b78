import Foundation
import NeuroCore

/// What the modal synthesizer plays during one control frame: the frequency and amplitude of
/// every mode, and the level and colour of the noise.
///
/// Built from one ``ControlFrame`` by ``init(frame:sampleRate:modeDetune:)``. The descriptors
/// are defined on a 2 048-point Hann STFT (librosa's defaults), so the mapping reasons about
/// what such an analysis of the output would show:
/// - **Pitch and partials** — the first six modes are the harmonics of f0; mode `k` above them
///   rings at `f0 · k · √(1 + β (k − 6)²)`, stretched like the partials of a stiff bar and
///   slightly detuned per seed. The inharmonicity β grows with the Richness ratio
///   `bandwidth / centroid` and is raised when needed so that the top mode reaches 1.5 × the
///   roll-off frequency: Richness and Tone shape the partials, and the harmonic low modes keep
///   the pitch measurable (YIN finds f0).
/// - **Noise** — white noise through a two-pole resonator centred on the frequency of a sine
///   with the requested zero-crossing rate (`zcr · sampleRate / 2`), and a one-pole low-pass at
///   the roll-off frequency (see ``NoiseColour``). The resonance is as wide as the bandwidth
///   times `1 + 40 · flatness / 0.56`, so noisy frames get flat, white-ish noise and tonal frames
///   a narrower noise floor, but no wider than twice its centre (or the bandwidth), so that the
///   zero-crossing rate keeps its hold on the colour, and no narrower than its centre, so that
///   the noise never turns into a whistle. Real impacts pair high flatness with high
///   zcr; a flat spectrum with a low zcr cannot be had, and the zcr wins.
///   Its share `n` of the power follows from the flatness: tones of power `Pₛ` over a noise
///   floor of power `Pₙ` whose own flatness is `φ` (0.56 for white noise, less once coloured)
///   have a flatness of about `φ · Pₙ / (Pₙ + 2 Pₛ)`, so `n = 2g / (1 + g)`. The main lobes of
///   the tones raise the geometric mean, which makes the measured flatness of this model's
///   output about 3× that estimate at low flatness, so `g = f′ / (3 − 2f′)` with
///   `f′ = flatness / φ` (at most 1): a third of `f′` when it is small, 1 for noise alone.
///   Unvoiced frames (`f0 ≤ 0`) are all noise.
/// - **Brightness and Richness** — the mode amplitudes follow a spectral envelope under a steep
///   low-pass at 1.2 × the roll-off, solved so that modes and noise together have the requested
///   centroid and bandwidth, as far as the modes can move them (``ModeShaping``).
/// - **Loudness** — modes and noise are scaled so that the expected power is `rms²`
///   (modes: `Σ aₖ² / 2`; the noise filter has unit output variance).
///
/// Modes above 0.45 × the sample rate or below 20 Hz are silent (no aliasing, no DC).
struct ModalFrameParameters {
    /// Each mode's angular frequency ωₖ in radians per sample.
    var modeAngles: [Double]
    /// Peak amplitude of each mode.
    var modeAmplitudes: [Float]
    /// Standard deviation of the noise component.
    var noiseAmplitude: Float
    /// The colour of the noise.
    var noiseColour: NoiseColour

    /// The lowest modes, which stay exact harmonics of f0 (and are not detuned), so that the
    /// pitch is clear; the modes above them are stretched and detuned.
    static let harmonicModeCount = 6
    /// Loudest accepted rms; larger requests are clamped so the output stays finite.
    static let maximumRMS = 4.0
    /// Summed 2 048-point Hann-STFT magnitude of unit-variance white noise: `N/2 + 1` bins of
    /// mean magnitude `√π/2 · √(3N/8)` (the Rayleigh mean of a complex Gaussian bin).
    static let noiseMagnitudeMass = 1_025 * Double.pi.squareRoot() / 2 * (3.0 * 2_048 / 8).squareRoot()

    /// Maps one control frame to synthesis parameters.
    ///
    /// - Parameters:
    ///   - frame: raw, finite descriptor values.
    ///   - sampleRate: the output rate in Hz.
    ///   - modeDetune: one relative detune per mode (applied above the harmonic modes).
    init(frame: ControlFrame, sampleRate: Int, modeDetune: [Float]) {
        let rate = Double(sampleRate)
        let highest = 0.45 * rate
        let centroid = Self.clamp(Double(frame.centroid), 20, highest)
        let rolloff = Self.clamp(Double(frame.rolloff), 40, highest)
        let bandwidth = Self.clamp(Double(frame.bandwidth), 10, highest)
        let rms = Self.clamp(Double(frame.rms), 0, Self.maximumRMS)
        let zcr = Self.clamp(Double(frame.zcr), 0, 1)
        let f0 = Self.clamp(Double(frame.f0), 20, highest)

        let whiteness = Self.clamp(Double(frame.flatness) / NoiseSpectrum.whiteNoiseFlatness, 0, 1)
        let noiseCentre = Self.clamp(zcr * rate / 2, 20, highest)
        let noiseWidth = Self.clamp(bandwidth * (1 + 40 * whiteness), noiseCentre, min(max(2 * noiseCentre, bandwidth), rate / 2))
        let (colour, noise) = NoiseColour.design(centre: noiseCentre, width: noiseWidth, cutoff: rolloff, sampleRate: rate)
        let frequencies = Self.modeFrequencies(
            f0: f0, modeDetune: modeDetune, reach: min(1.5 * rolloff, highest), spread: bandwidth / centroid)
        let audible = frequencies.map { (20...highest).contains($0) ? 1.0 : 0 }
        let isVoiced = frame.f0 > 0 && audible.contains(1)
        let relativeFlatness = Self.clamp(Double(frame.flatness) / noise.flatness, 0, 1)
        let calibratedFlatness = relativeFlatness / (3 - 2 * relativeFlatness)
        let noiseShare = isVoiced ? 2 * calibratedFlatness / (1 + calibratedFlatness) : 1
        let noiseDeviation = rms * noiseShare.squareRoot()
        let shaping = ModeShaping(
            frequencies: frequencies, audible: audible, modalPower: rms * rms * (1 - noiseShare),
            noiseMass: noise.meanMagnitude * Self.noiseMagnitudeMass * noiseDeviation, noise: noise)

        modeAngles = frequencies.map { 2 * Double.pi * $0 / rate }
        modeAmplitudes = shaping.amplitudes(centroid: centroid, bandwidth: bandwidth, rolloff: rolloff, highest: highest)
            .map(Float.init)
        noiseAmplitude = Float(noiseDeviation)
        noiseColour = colour
    }

    /// Mode frequencies `f0 · ρₖ · (1 + detuneₖ)`: harmonic up to mode ``harmonicModeCount``,
    /// stretched above it by `ρₖ = k · √(1 + β (k − h)²)`.
    private static func modeFrequencies(f0: Double, modeDetune: [Float], reach: Double, spread: Double) -> [Double] {
        let count = Double(modeDetune.count)
        let stretchedCount = count - Double(harmonicModeCount)
        let harmonicTop = count * f0
        let neededInharmonicity = harmonicTop < reach
            ? ((reach / harmonicTop) * (reach / harmonicTop) - 1) / (stretchedCount * stretchedCount) : 0
        let inharmonicity = clamp(max(0.002 * spread * spread, neededInharmonicity), 0, 0.08)
        return modeDetune.indices.map { index in
            let k = Double(index + 1)
            let stretch = max(k - Double(harmonicModeCount), 0)
            let ratio = k * (1 + inharmonicity * stretch * stretch).squareRoot()
            return f0 * ratio * (index < harmonicModeCount ? 1 : 1 + Double(modeDetune[index]))
        }
    }

    private static func clamp(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        min(max(value, lower), upper)
    }
}
