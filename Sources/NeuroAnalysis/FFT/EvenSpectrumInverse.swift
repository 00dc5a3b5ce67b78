import Foundation
import NeuroCore

/// The inverse DFT of a real, even spectrum of N = 2M points, given its bins 0…M, through one
/// real FFT of M points: half the work of a full inverse real FFT.
///
/// For P real and even, r[n] = (1/N)·Σₖ P[k]·e^(2πi·kn/N) = F[n] / M, with F the DCT-I
/// F[n] = ½·P[0] + ½·(−1)ⁿ·P[M] + Σ_{k=1…M−1} P[k]·cos(πkn/M). Fold P into
/// y[k] = ½·(P[k] + P[M−k]) − sin(πk/M)·(P[k] − P[M−k]) for k < M and take Y, its M-point DFT.
/// The symmetric half of y gives the even outputs and, by 2·sin a·sin b = cos(a−b) − cos(a+b),
/// the antisymmetric half gives the differences of the odd ones:
/// F[2j] = Re Y[j], F[2j+1] = F[2j−1] − Im Y[j], F[1] = ½·(P[0] − P[M]) + Σ_{k=1…M−1} P[k]·cos(πk/M).
/// Allocates only in `init`.
struct EvenSpectrumInverse: Sendable {
    /// M: the spectrum has M + 1 bins, the signal 2M samples.
    let halfSize: Int

    private var fft: RealFFT
    private let sine: [Double]
    private let cosine: [Double]
    private var folded: [Double]
    private var real: [Double]
    private var imaginary: [Double]

    /// Prepares inverses of spectra with `halfSize` + 1 bins (`halfSize` a power of two ≥ 8).
    init(halfSize: Int) throws(NeuroError) {
        self.halfSize = halfSize
        fft = try RealFFT(size: halfSize)
        sine = (0..<halfSize).map { sin(Double.pi * Double($0) / Double(halfSize)) }
        cosine = (0..<halfSize).map { cos(Double.pi * Double($0) / Double(halfSize)) }
        folded = Array(repeating: 0, count: halfSize)
        real = Array(repeating: 0, count: fft.binCount)
        imaginary = Array(repeating: 0, count: fft.binCount)
    }

    /// Writes r[0]…r[count − 1] of the spectrum `spectrum` (bins 0…M) into `signal` (count ≤ M + 1).
    mutating func inverse(_ spectrum: UnsafeBufferPointer<Double>, into signal: UnsafeMutableBufferPointer<Double>) {
        precondition(spectrum.count == halfSize + 1 && signal.count <= halfSize + 1, "EvenSpectrumInverse: wrong buffer sizes")
        let m = halfSize
        let firstOdd = fold(spectrum)
        folded.withUnsafeBufferPointer { fft.forward($0, real: &real, imaginary: &imaginary) }
        let scale = 1 / Double(m)
        real.withUnsafeBufferPointer { re in
            imaginary.withUnsafeBufferPointer { im in
                var odd = firstOdd
                for n in 0..<signal.count {
                    if n % 2 == 0 {
                        signal[n] = re[n / 2] * scale
                    } else {
                        if n > 1 { odd -= im[n / 2] }
                        signal[n] = odd * scale
                    }
                }
            }
        }
    }

    /// Fills `folded` with y and returns F[1].
    private mutating func fold(_ p: UnsafeBufferPointer<Double>) -> Double {
        let m = halfSize
        return sine.withUnsafeBufferPointer { sine in
            cosine.withUnsafeBufferPointer { cosine in
                folded.withUnsafeMutableBufferPointer { y in
                    var odd = SIMD2<Double>.zero
                    for k in stride(from: 0, to: m, by: 2) {
                        let a = SIMD2(p[k], p[k + 1])
                        let b = SIMD2(p[m - k], p[m - k - 1])
                        let folded = 0.5 * (a + b) - SIMD2(sine[k], sine[k + 1]) * (a - b)
                        y[k] = folded[0]
                        y[k + 1] = folded[1]
                        odd += a * SIMD2(cosine[k], cosine[k + 1])
                    }
                    // The loop counted P[0]·cos 0 fully; F[1] weighs P[0] by ½ and P[M] by −½.
                    return odd.sum() - 0.5 * p[0] - 0.5 * p[m]
                }
            }
        }
    }
}
