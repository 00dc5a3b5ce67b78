import Foundation
import NeuroCore

/// The filter that colours the noise of the modal synthesizer: a two-pole resonator over a thin
/// white floor, then a one-pole low-pass, normalised to unit output variance.
///
/// The resonator `u[n] = e₁[n] + a₁·u[n−1] + a₂·u[n−2]` has poles at radius
/// `r = exp(−π·width/sampleRate)` and angle `2π·centre/sampleRate`. It is mixed with an
/// independent white noise `e₂` that carries ``floorShare`` of the power (real noise floors are
/// broadband; without it a narrow colour would make flat spectra unreachable), and the mix goes
/// through the low-pass `y[n] = y[n−1] + c·(g·x[n] − y[n−1])`, `c = 1 − exp(−2π·cutoff/sampleRate)`.
/// The gains make each stage's variance exact: by Parseval a variance is the mean of the squared
/// amplitude response, sampled at ``NoiseSpectrum/pointCount`` frequencies.
///
/// The colour changes at frame boundaries while the resonator keeps its state, so the colour
/// also carries the Cholesky factor `[[σ, 0], [κ, λ]]` of the stationary covariance of the
/// resonator's state `(u[n−1], u[n−2])`: ``NoiseFilterState/adopt(_:)`` whitens the state with
/// the old factor and recolours it with the new one. Without that, the state of a narrow,
/// low resonance (standard deviation in the hundreds, scaled down by a small gain) met the gain
/// of a wide one and spiked by 30–40 dB.
struct NoiseColour: Equatable {
    /// The share of the noise power in the white floor.
    static let floorShare = 0.03

    /// Gain of the resonator's output in the mix.
    var resonatorGain: Float
    /// Gain of the white floor in the mix.
    var floorGain: Float
    /// Resonator feedback `a₁ = 2r·cos θ`.
    var feedback1: Float
    /// Resonator feedback `a₂ = −r²`.
    var feedback2: Float
    /// Output gain `g` of the low-pass.
    var outputGain: Float
    /// Low-pass coefficient `c`.
    var smoothing: Float
    /// `σ`: the stationary standard deviation of `u[n−1]` (and of `u[n−2]`).
    var stateDeviation: Float
    /// `κ = γ₁ / σ`, with `γ₁` the stationary covariance of `u[n−1]` and `u[n−2]`.
    var stateCorrelation: Float
    /// `λ = √(σ² − κ²)`: the part of `u[n−2]` not explained by `u[n−1]`.
    var stateInnovation: Float

    /// Designs the colour (resonance at `centre` Hz, `width` Hz wide, low-pass at `cutoff` Hz) and
    /// returns it with the spectrum of its unit-variance output.
    static func design(centre: Double, width: Double, cutoff: Double, sampleRate: Double) -> (NoiseColour, NoiseSpectrum) {
        let radius = exp(-Double.pi * width / sampleRate)
        let a1 = 2 * radius * cos(2 * Double.pi * centre / sampleRate)
        let a2 = -radius * radius
        let c = 1 - exp(-2 * Double.pi * cutoff / sampleRate)
        var resonatorResponse: [Double] = [], lowpassResponse: [Double] = []
        for (cos1, sin1, cos2, sin2) in NoiseSpectrum.harmonics {
            let resonatorReal = 1 - a1 * cos1 - a2 * cos2
            let resonatorImaginary = a1 * sin1 + a2 * sin2
            let lowpassReal = 1 - (1 - c) * cos1
            let lowpassImaginary = (1 - c) * sin1
            resonatorResponse.append(1 / (resonatorReal * resonatorReal + resonatorImaginary * resonatorImaginary))
            lowpassResponse.append(c * c / (lowpassReal * lowpassReal + lowpassImaginary * lowpassImaginary))
        }
        let count = Double(NoiseSpectrum.pointCount)
        let resonatorScale = (1 - floorShare) / (resonatorResponse.reduce(0, +) / count)
        let mixed = zip(resonatorResponse, lowpassResponse).map { ($0 * resonatorScale + floorShare) * $1 }
        let spectrum = NoiseSpectrum(squaredResponse: mixed, sampleRate: sampleRate)
        let variance = (1 - a2) / ((1 + a2) * ((1 - a2) * (1 - a2) - a1 * a1))
        let deviation = variance.squareRoot()
        let correlation = a1 / (1 - a2) * deviation
        let colour = NoiseColour(
            resonatorGain: Float(resonatorScale.squareRoot()), floorGain: Float(floorShare.squareRoot()),
            feedback1: Float(a1), feedback2: Float(a2), outputGain: Float(spectrum.gain), smoothing: Float(c),
            stateDeviation: Float(deviation), stateCorrelation: Float(correlation),
            stateInnovation: Float(max(variance - correlation * correlation, .leastNormalMagnitude).squareRoot()))
        return (colour, spectrum)
    }
}

/// What a Hann STFT would see of unit-variance noise of a given ``NoiseColour``: how much
/// magnitude it spreads over the bins, where, and how flat it is.
struct NoiseSpectrum {
    /// The number of frequencies (bin centres of a uniform grid over 0…½) the response is sampled at.
    static let pointCount = 1_024
    /// Spectral flatness of white noise, `e^−γ` (the geometric over the arithmetic mean of
    /// exponentially distributed bin powers).
    static let whiteNoiseFlatness = 0.5615

    /// `(cos ω, sin ω, cos 2ω, sin 2ω)` at each sampled frequency `ω`.
    static let harmonics: [(Double, Double, Double, Double)] = (0..<pointCount).map { point in
        let angle = Double.pi * (Double(point) + 0.5) / Double(pointCount)
        return (cos(angle), sin(angle), cos(2 * angle), sin(2 * angle))
    }

    /// The gain that gives the filter unit output variance.
    let gain: Double
    /// The mean amplitude response over 0…½ after normalisation.
    let meanMagnitude: Double
    /// The magnitude-weighted mean frequency, in Hz.
    let centroid: Double
    /// The magnitude-weighted mean squared frequency, in Hz².
    let meanSquareFrequency: Double
    /// The expected spectral flatness: `e^−γ` times the geometric over the arithmetic mean of the
    /// squared response.
    let flatness: Double

    /// Analyses a squared amplitude response sampled on the grid.
    init(squaredResponse: [Double], sampleRate: Double) {
        let count = Double(squaredResponse.count)
        let power = squaredResponse.reduce(0, +) / count
        let magnitudes = squaredResponse.map { $0.squareRoot() }
        let magnitudeSum = magnitudes.reduce(0, +)
        gain = 1 / power.squareRoot()
        meanMagnitude = magnitudeSum / count * gain
        let hertzPerPoint = sampleRate / (2 * count)
        centroid = magnitudes.indices.reduce(0) { $0 + magnitudes[$1] * (Double($1) + 0.5) } / magnitudeSum * hertzPerPoint
        meanSquareFrequency = magnitudes.indices.reduce(0) { sum, point in
            let frequency = (Double(point) + 0.5) * hertzPerPoint
            return sum + magnitudes[point] * frequency * frequency
        } / magnitudeSum
        flatness = Self.whiteNoiseFlatness * exp(squaredResponse.reduce(0) { $0 + log($1) } / count) / power
    }
}
