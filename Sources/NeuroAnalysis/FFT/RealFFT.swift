import Foundation
import NeuroCore

/// The discrete Fourier transform of real signals of one fixed power-of-two length, in double precision.
///
/// ``forward(_:real:imaginary:)`` computes bins 0…size/2 of `X[k] = Σₙ x[n]·e^(−2πi·kn/size)`
/// (numpy's `rfft`): it packs the real signal into a complex signal of half the length, runs
/// one `ComplexFFT` and untangles the halves with precomputed twiddles.
///
/// The value owns its work buffers: create one per thread and reuse it. The transform
/// allocates; it needs its arrays to have the documented sizes.
public struct RealFFT: Sendable {
    /// The number of real samples per transform.
    public let size: Int
    /// The number of complex bins, `size / 2 + 1`.
    public var binCount: Int { size / 2 + 1 }

    private let half: ComplexFFT
    /// e^(−2πi·k/size) for k = 0..<size/2.
    private let rotationReal: [Double]
    private let rotationImaginary: [Double]
    private var workReal: [Double]
    private var workImaginary: [Double]
    private var scratchReal: [Double]
    private var scratchImaginary: [Double]

    /// Prepares transforms of `size` real samples.
    ///
    /// - Throws: `NeuroError` `.invalidData` unless `size` is a power of two ≥ 8.
    public init(size: Int) throws(NeuroError) {
        guard size >= 8, size & (size - 1) == 0 else {
            throw NeuroError(.invalidData, "real FFT size must be a power of two ≥ 8, got \(size)")
        }
        self.size = size
        let halfSize = size / 2
        half = ComplexFFT(size: halfSize)
        rotationReal = (0..<halfSize).map { cos(-2 * Double.pi * Double($0) / Double(size)) }
        rotationImaginary = (0..<halfSize).map { sin(-2 * Double.pi * Double($0) / Double(size)) }
        workReal = Array(repeating: 0, count: halfSize)
        workImaginary = Array(repeating: 0, count: halfSize)
        scratchReal = Array(repeating: 0, count: halfSize)
        scratchImaginary = Array(repeating: 0, count: halfSize)
    }

    /// Transforms `signal` (at most `size` samples, zero-padded to `size` like numpy's
    /// `rfft(x, n=size)`) into bins 0…size/2 of `real` and `imaginary` (``binCount`` each).
    public mutating func forward(_ signal: UnsafeBufferPointer<Double>, real: inout [Double], imaginary: inout [Double]) {
        precondition(signal.count <= size && real.count == binCount && imaginary.count == binCount,
                     "RealFFT.forward: wrong buffer sizes")
        let halfSize = size / 2
        let half = self.half
        withWorkBuffers { zr, zi, sr, si in
            let pairs = signal.count / 2
            for n in 0..<pairs {
                zr[n] = signal[2 * n]
                zi[n] = signal[2 * n + 1]
            }
            (zr + pairs).update(repeating: 0, count: halfSize - pairs)
            (zi + pairs).update(repeating: 0, count: halfSize - pairs)
            if signal.count % 2 == 1 { zr[pairs] = signal[signal.count - 1] }
            half.transform(real: zr, imaginary: zi, scratchReal: sr, scratchImaginary: si)
        }
        workReal.withUnsafeBufferPointer { zr in
            workImaginary.withUnsafeBufferPointer { zi in
                rotationReal.withUnsafeBufferPointer { wr in
                    rotationImaginary.withUnsafeBufferPointer { wi in
                        real.withUnsafeMutableBufferPointer { xr in
                            imaginary.withUnsafeMutableBufferPointer { xi in
                                Self.untangle(halfSize: halfSize, zr: zr, zi: zi, wr: wr, wi: wi, xr: xr, xi: xi)
                            }
                        }
                    }
                }
            }
        }
    }

    private mutating func withWorkBuffers(
        _ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                 UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    ) {
        workReal.withUnsafeMutableBufferPointer { zr in
            workImaginary.withUnsafeMutableBufferPointer { zi in
                scratchReal.withUnsafeMutableBufferPointer { sr in
                    scratchImaginary.withUnsafeMutableBufferPointer { si in
                        body(zr.baseAddress!, zi.baseAddress!, sr.baseAddress!, si.baseAddress!)
                    }
                }
            }
        }
    }

    /// X[k] = E[k] + w^k·O[k] with E = (Z[k] + Z̄[M−k])/2 and O = (Z[k] − Z̄[M−k])/(2i), Z[M] ≡ Z[0].
    private static func untangle(
        halfSize m: Int,
        zr: UnsafeBufferPointer<Double>, zi: UnsafeBufferPointer<Double>,
        wr: UnsafeBufferPointer<Double>, wi: UnsafeBufferPointer<Double>,
        xr: UnsafeMutableBufferPointer<Double>, xi: UnsafeMutableBufferPointer<Double>
    ) {
        xr[0] = zr[0] + zi[0]
        xi[0] = 0
        xr[m] = zr[0] - zi[0]
        xi[m] = 0
        forEachMirroredPair(halfSize: m) { k in
            let (ar, ai) = (load(zr, k), load(zi, k))
            let (br, bi) = (loadMirrored(zr, m - k), -loadMirrored(zi, m - k))
            let (er, ei) = (0.5 * (ar + br), 0.5 * (ai + bi))
            // (a − b)/(2i) = (Im(a − b) − i·Re(a − b))/2
            let (or, oi) = (0.5 * (ai - bi), -0.5 * (ar - br))
            let (cr, ci) = (load(wr, k), load(wi, k))
            store(er + or * cr - oi * ci, xr, k)
            store(ei + or * ci + oi * cr, xi, k)
        }
    }

    /// Calls `body` with k = 1, 3, 5, … so that lanes k and k + 1 cover bins 1…M−1; the last
    /// pair starts at M − 2 and may repeat a bin, which is harmless because every bin's result
    /// depends only on the inputs.
    @inline(__always)
    private static func forEachMirroredPair(halfSize m: Int, _ body: (Int) -> Void) {
        var k = 1
        while k < m {
            body(min(k, m - 2))
            k += 2
        }
    }

    /// Lanes `k` and `k + 1` of `buffer`.
    @inline(__always)
    private static func load(_ buffer: UnsafeBufferPointer<Double>, _ k: Int) -> SIMD2<Double> {
        SIMD2(buffer[k], buffer[k + 1])
    }

    /// Lanes `j` and `j − 1` of `buffer` (the mirror images of bins k and k + 1 when j = M − k).
    @inline(__always)
    private static func loadMirrored(_ buffer: UnsafeBufferPointer<Double>, _ j: Int) -> SIMD2<Double> {
        SIMD2(buffer[j], buffer[j - 1])
    }

    @inline(__always)
    private static func store(_ value: SIMD2<Double>, _ buffer: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        buffer[k] = value[0]
        buffer[k + 1] = value[1]
    }
}
