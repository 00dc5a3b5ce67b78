import Foundation
import NeuroCore

/// Finds the mode amplitudes of one frame that put the spectral centroid and bandwidth of modes
/// plus noise where the descriptors ask.
///
/// The modes follow a Gaussian spectral envelope `exp(−(fₖ − μ)² / 2σ²)` under a steep low-pass
/// `1 / (1 + (fₖ / λ)⁸)` at λ = 1.2 × the roll-off, scaled to the modal power. Centroid and
/// bandwidth are the magnitude-weighted mean and deviation of frequency a 2 048-point Hann STFT
/// would measure: each mode contributes a magnitude proportional to its amplitude at its
/// frequency, the noise its ``NoiseSpectrum``. Each step works out which centroid and bandwidth
/// the modes alone need so that, mixed with the noise, the targets come out, but keeps those
/// within ½…2× the targets (a noise floor that dominates the spectrum is not fought with
/// extreme shapes); then it corrects the envelope towards them (`μ += needed − measured`,
/// `σ ·= needed / measured`).
struct ModeShaping {
    /// Summed Hann-STFT magnitude of a sinusoid of amplitude 1: main lobe ≈ 2.05 × the peak `N/4`.
    static let sinusoidMagnitudeMass = 2.05 * 2_048 / 4
    /// Fixed-point corrections of μ and σ.
    static let iterationCount = 12

    /// Mode frequencies in Hz.
    let frequencies: [Double]
    /// 1 for modes in the audible, alias-free band, 0 otherwise.
    let audible: [Double]
    /// Total power of the modes, `Σ aₖ² / 2`.
    let modalPower: Double
    /// Summed STFT magnitude of the noise.
    let noiseMass: Double
    /// Where the noise's magnitude lies.
    let noise: NoiseSpectrum

    /// The amplitudes whose spectrum, with the noise, has the requested centroid and bandwidth
    /// (Hz), under a low-pass at 1.2 × `rolloff` (Hz).
    func amplitudes(centroid: Double, bandwidth: Double, rolloff: Double, highest: Double) -> [Double] {
        guard modalPower > 0 else { return [Double](repeating: 0, count: frequencies.count) }
        let logLowpass = frequencies.indices.map { index -> Double in
            let relative = frequencies[index] / (1.2 * rolloff)
            let squared = relative * relative
            return audible[index] > 0 ? -log(1 + squared * squared * squared * squared) : -.infinity
        }
        var centre = centroid, width = bandwidth
        var shaped = amplitudes(centre: centre, width: width, logLowpass: logLowpass)
        let totalSquare = bandwidth * bandwidth + centroid * centroid
        for _ in 0..<Self.iterationCount {
            let modes = modalMoments(shaped)
            let mass = modes.mass + noiseMass
            let neededCentroid = min(max((centroid * mass - noiseMass * noise.centroid) / modes.mass, centroid / 2), 2 * centroid)
            let neededSquare = (totalSquare * mass - noiseMass * noise.meanSquareFrequency) / modes.mass
            let neededBandwidth = min(max(max(neededSquare - neededCentroid * neededCentroid, 0).squareRoot(), bandwidth / 2), 2 * bandwidth)
            centre = min(max(centre + neededCentroid - modes.centroid, -highest), highest)
            width = min(max(width * min(max(neededBandwidth / max(modes.bandwidth, 1), 0.5), 2), 10), 4 * highest)
            shaped = amplitudes(centre: centre, width: width, logLowpass: logLowpass)
        }
        return shaped
    }

    /// Amplitudes of the envelope `(μ, σ)` scaled to ``modalPower``; computed in the log domain so
    /// that a narrow envelope far from every mode still picks the nearest modes.
    private func amplitudes(centre: Double, width: Double, logLowpass: [Double]) -> [Double] {
        let logShape = frequencies.indices.map { index -> Double in
            let offset = (frequencies[index] - centre) / width
            return logLowpass[index] - offset * offset / 2
        }
        let peak = logShape.max() ?? 0
        guard peak.isFinite else { return [Double](repeating: 0, count: frequencies.count) }
        let shape = logShape.map { exp($0 - peak) }
        let scale = (2 * modalPower / shape.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return shape.map { $0 * scale }
    }

    /// The STFT magnitude of the modes, and its magnitude-weighted mean and deviation of frequency.
    private func modalMoments(_ amplitudes: [Double]) -> (mass: Double, centroid: Double, bandwidth: Double) {
        var mass = 0.0, moment = 0.0, square = 0.0
        for index in frequencies.indices {
            let modeMass = amplitudes[index] * Self.sinusoidMagnitudeMass
            mass += modeMass
            moment += modeMass * frequencies[index]
            square += modeMass * frequencies[index] * frequencies[index]
        }
        let centroid = moment / mass
        return (mass, centroid, max(square / mass - centroid * centroid, 0).squareRoot())
    }
}
