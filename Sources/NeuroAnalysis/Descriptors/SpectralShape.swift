import Foundation
import NeuroCore

/// The four spectral descriptors of one magnitude spectrum, with librosa 0.11's exact definitions.
///
/// With S[k] the magnitudes, f[k] = k·sr/n_fft the bin frequencies and Ŝ = S / ΣS
/// (left unnormalised when ΣS is below the float32 `tiny`, as `librosa.util.normalize`):
/// - centroid = Σ f·Ŝ
/// - bandwidth = (Σ Ŝ·(f − centroid)²)^½ (`p = 2`, `norm = True`)
/// - roll-off = the first f[k] whose cumulative Σ_{j≤k} S[j] reaches `fraction`·ΣS
/// - flatness = geometric mean / arithmetic mean of P = max(S², floor) (`power = 2`, `amin`)
///
/// Sums use four interleaved accumulators (double precision), and the geometric mean takes
/// one logarithm per product of eight powers, which cannot overflow for audio-range input
/// (a chunk whose product does is summed log by log).
struct SpectralShape: Sendable {
    /// The descriptor values of one frame.
    struct Values: Sendable {
        var centroid: Double
        var bandwidth: Double
        var rolloff: Double
        var flatness: Double
    }

    /// librosa's `util.tiny` of float32 spectra: the smallest normal float32.
    private static let tiny = Double(Float.leastNormalMagnitude)
    /// Powers multiplied together before one logarithm.
    private static let logChunk = 8

    private let frequencies: [Double]
    private let rolloffFraction: Double
    private let flatnessFloor: Double

    /// Prepares the bin frequencies for spectra of `frameLength` samples at `sampleRate`.
    init(sampleRate: Int, frameLength: Int, rolloffFraction: Double, flatnessFloor: Double) {
        frequencies = (0...frameLength / 2).map { Double($0) * Double(sampleRate) / Double(frameLength) }
        self.rolloffFraction = rolloffFraction
        self.flatnessFloor = flatnessFloor
    }

    /// Measures the spectrum `magnitudes` (`frameLength / 2 + 1` values).
    func measure(_ magnitudes: UnsafeBufferPointer<Double>) -> Values {
        frequencies.withUnsafeBufferPointer { f in
            let total = Self.sum(magnitudes.count) { magnitudes[$0] }
            let weighted = Self.sum(magnitudes.count) { f[$0] * magnitudes[$0] }
            let norm = total < Self.tiny ? 1 : total
            let centroid = weighted / norm
            let spread = Self.sum(magnitudes.count) { k in
                let deviation = f[k] - centroid
                return magnitudes[k] * deviation * deviation
            }
            return Values(
                centroid: centroid,
                bandwidth: (spread / norm).squareRoot(),
                rolloff: rolloff(magnitudes, total: total, frequencies: f),
                flatness: flatness(magnitudes))
        }
    }

    /// Σ term(k) for k in 0..<count, with four accumulators.
    @inline(__always)
    private static func sum(_ count: Int, _ term: (Int) -> Double) -> Double {
        var partial = SIMD4<Double>.zero
        let whole = count - count % 4
        for k in stride(from: 0, to: whole, by: 4) {
            partial += SIMD4(term(k), term(k + 1), term(k + 2), term(k + 3))
        }
        var total = partial.sum()
        for k in whole..<count { total += term(k) }
        return total
    }

    private func rolloff(_ magnitudes: UnsafeBufferPointer<Double>, total: Double, frequencies f: UnsafeBufferPointer<Double>) -> Double {
        let threshold = rolloffFraction * total
        var cumulative = 0.0
        for k in 0..<magnitudes.count {
            cumulative += magnitudes[k]
            if cumulative >= threshold { return f[k] }
        }
        return f[magnitudes.count - 1]
    }

    private func flatness(_ magnitudes: UnsafeBufferPointer<Double>) -> Double {
        let floor = flatnessFloor
        let power = { (k: Int) in max(magnitudes[k] * magnitudes[k], floor) }
        var logSum = 0.0
        for start in stride(from: 0, to: magnitudes.count, by: Self.logChunk) {
            let end = min(start + Self.logChunk, magnitudes.count)
            var product = 1.0
            for k in start..<end { product *= power(k) }
            if product.isFinite {
                logSum += log(product)
            } else {
                for k in start..<end { logSum += log(power(k)) }
            }
        }
        let count = Double(magnitudes.count)
        return exp(logSum / count) / (Self.sum(magnitudes.count, power) / count)
    }
}
