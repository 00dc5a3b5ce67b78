import NeuroCore
/// The Fourier transform of one analysis frame, zero-padded to twice its length, and the two
/// quantities the descriptors need from it.
///
/// One transform serves both uses, which halves the FFT work per frame:
/// - the **periodic-Hann magnitude spectrum**, one column of librosa's `np.abs(stft(y, window="hann"))`.
///   The even bins of the zero-padded transform X are the N-point DFT of the frame, and the
///   periodic Hann window w[n] = ½ − ½·cos(2πn/N) multiplies in time exactly as the 3-tap
///   convolution ½·X[2k] − ¼·(X[2k−2] + X[2k+2]) in frequency (indices wrap, X[−j] = X̄[j]);
/// - the **linear autocorrelation** r(k) = Σₘ x(m)·x(m+k) (`librosa.autocorrelate`), the inverse
///   transform of |X|², exact because 2N points hold the 2N − 1 lags without wrapping; |X|² is
///   real and even, so ``EvenSpectrumInverse`` inverts it with an FFT of N points.
///
/// Allocates only in `init`.
struct FrameTransform: Sendable {
    /// Samples per frame (N).
    let frameLength: Int
    /// Bins of the magnitude spectrum, N/2 + 1.
    var binCount: Int { frameLength / 2 + 1 }

    private var fft: RealFFT
    private var real: [Double]
    private var imaginary: [Double]
    private var power: [Double]
    private var evenInverse: EvenSpectrumInverse

    /// Prepares transforms of frames of `frameLength` samples (a power of two ≥ 8).
    init(frameLength: Int) throws(NeuroError) {
        self.frameLength = frameLength
        fft = try RealFFT(size: 2 * frameLength)
        real = Array(repeating: 0, count: frameLength + 1)
        imaginary = Array(repeating: 0, count: frameLength + 1)
        power = Array(repeating: 0, count: frameLength + 1)
        evenInverse = try EvenSpectrumInverse(halfSize: frameLength)
    }

    /// Transforms `frame` (N samples); the accessors below then describe it.
    mutating func transform(_ frame: UnsafeBufferPointer<Double>) {
        fft.forward(frame, real: &real, imaginary: &imaginary)
    }

    /// Writes |DFT(hann · frame)| into `magnitudes` (``binCount`` values).
    func hannMagnitudes(into magnitudes: UnsafeMutableBufferPointer<Double>) {
        let last = frameLength / 2
        real.withUnsafeBufferPointer { re in
            imaginary.withUnsafeBufferPointer { im in
                func magnitude(_ even: Int, lower: Int, lowerSign: Double, upper: Int, upperSign: Double) -> Double {
                    let yr = 0.5 * re[even] - 0.25 * (re[lower] + re[upper])
                    let yi = 0.5 * im[even] - 0.25 * (lowerSign * im[lower] + upperSign * im[upper])
                    return (yr * yr + yi * yi).squareRoot()
                }
                // Neighbours of bin 0 and bin N/2 wrap to conjugates of bins 2 and N − 2.
                magnitudes[0] = magnitude(0, lower: 2, lowerSign: -1, upper: 2, upperSign: 1)
                for k in 1..<last {
                    magnitudes[k] = magnitude(2 * k, lower: 2 * k - 2, lowerSign: 1, upper: 2 * k + 2, upperSign: 1)
                }
                magnitudes[last] = magnitude(2 * last, lower: 2 * last - 2, lowerSign: 1, upper: 2 * last - 2, upperSign: -1)
            }
        }
    }

    /// Writes the autocorrelation r(0)…r(count − 1) of the frame into `autocorrelation` (count ≤ N).
    mutating func autocorrelation(into autocorrelation: UnsafeMutableBufferPointer<Double>) {
        real.withUnsafeBufferPointer { re in
            imaginary.withUnsafeBufferPointer { im in
                power.withUnsafeMutableBufferPointer { power in
                    for k in 0..<re.count { power[k] = re[k] * re[k] + im[k] * im[k] }
                }
            }
        }
        power.withUnsafeBufferPointer { evenInverse.inverse($0, into: autocorrelation) }
    }
}
