import Foundation
import NeuroCore

/// An unnormalised forward complex discrete Fourier transform of one fixed power-of-two size,
/// on split real/imaginary arrays.
///
/// Stockham auto-sort algorithm: radix-4 passes, plus one final radix-2 pass when log₂(size)
/// is odd, ping-ponging between the data and a scratch buffer, so no bit-reversal permutation
/// is needed and the inner loops run over contiguous memory. Every twiddle factor is computed
/// once in `init` from its exact angle in double precision; ``transform(real:imaginary:scratchReal:scratchImaginary:)``
/// allocates nothing.
struct ComplexFFT: Sendable {
    /// One radix-4 pass over sub-transforms of `length` points, reading with stride `stride`.
    private struct Pass: Sendable {
        var length: Int
        var stride: Int
        var twiddleOffset: Int
    }

    /// The number of complex points.
    let size: Int
    private let passes: [Pass]
    private let endsWithRadix2: Bool
    /// Twiddles w¹, w², w³ of every pass, `3 · length/4` values per pass, w = exp(−2πi·p/length).
    private let twiddleReal: [Double]
    private let twiddleImaginary: [Double]

    /// Prepares a transform of `size` points.
    ///
    /// - Precondition: `size` is a power of two, at least 1.
    init(size: Int) {
        precondition(size >= 1 && size & (size - 1) == 0, "FFT size must be a power of two")
        self.size = size
        var passes: [Pass] = []
        var twiddleReal: [Double] = []
        var twiddleImaginary: [Double] = []
        var length = size
        var stride = 1
        while length >= 4 {
            passes.append(Pass(length: length, stride: stride, twiddleOffset: twiddleReal.count))
            let quarter = length / 4
            for power in 1...3 {
                for p in 0..<quarter {
                    let angle = -2 * Double.pi * Double(power * p) / Double(length)
                    twiddleReal.append(cos(angle))
                    twiddleImaginary.append(sin(angle))
                }
            }
            length /= 4
            stride *= 4
        }
        self.passes = passes
        self.endsWithRadix2 = length == 2
        self.twiddleReal = twiddleReal
        self.twiddleImaginary = twiddleImaginary
    }

    /// Transforms `real` + i·`imaginary` in place (`size` values each); the scratch buffers
    /// (`size` values each) are overwritten.
    func transform(
        real: UnsafeMutablePointer<Double>, imaginary: UnsafeMutablePointer<Double>,
        scratchReal: UnsafeMutablePointer<Double>, scratchImaginary: UnsafeMutablePointer<Double>
    ) {
        var sourceReal = real
        var sourceImaginary = imaginary
        var targetReal = scratchReal
        var targetImaginary = scratchImaginary
        twiddleReal.withUnsafeBufferPointer { wr in
            twiddleImaginary.withUnsafeBufferPointer { wi in
                for pass in passes {
                    Self.radix4Pass(
                        pass, twiddleReal: wr.baseAddress!, twiddleImaginary: wi.baseAddress!,
                        sourceReal: sourceReal, sourceImaginary: sourceImaginary,
                        targetReal: targetReal, targetImaginary: targetImaginary)
                    swap(&sourceReal, &targetReal)
                    swap(&sourceImaginary, &targetImaginary)
                }
            }
        }
        if endsWithRadix2 {
            Self.radix2Pass(
                stride: size / 2, sourceReal: sourceReal, sourceImaginary: sourceImaginary,
                targetReal: targetReal, targetImaginary: targetImaginary)
            swap(&sourceReal, &targetReal)
            swap(&sourceImaginary, &targetImaginary)
        }
        if sourceReal != real {
            real.update(from: sourceReal, count: size)
            imaginary.update(from: sourceImaginary, count: size)
        }
    }

    /// One Stockham radix-4 decimation-in-frequency pass.
    ///
    /// Strides are powers of four: the first pass (stride 1) processes two consecutive `p` at
    /// once (``firstRadix4Pass``), every later pass two consecutive `q`.
    private static func radix4Pass(
        _ pass: Pass, twiddleReal: UnsafePointer<Double>, twiddleImaginary: UnsafePointer<Double>,
        sourceReal xr: UnsafeMutablePointer<Double>, sourceImaginary xi: UnsafeMutablePointer<Double>,
        targetReal yr: UnsafeMutablePointer<Double>, targetImaginary yi: UnsafeMutablePointer<Double>
    ) {
        let s = pass.stride
        let m = pass.length / 4
        let twiddles: (r1: UnsafePointer<Double>, i1: UnsafePointer<Double>, r2: UnsafePointer<Double>,
                       i2: UnsafePointer<Double>, r3: UnsafePointer<Double>, i3: UnsafePointer<Double>) = (
            r1: twiddleReal + pass.twiddleOffset, i1: twiddleImaginary + pass.twiddleOffset,
            r2: twiddleReal + pass.twiddleOffset + m, i2: twiddleImaginary + pass.twiddleOffset + m,
            r3: twiddleReal + pass.twiddleOffset + 2 * m, i3: twiddleImaginary + pass.twiddleOffset + 2 * m)
        let quarter = s * m
        if s == 1, m % 2 == 0 {
            firstRadix4Pass(quarter: m, twiddles: twiddles, xr: xr, xi: xi, yr: yr, yi: yi)
            return
        }
        for p in 0..<m {
            let w = Twiddles(
                c1: twiddles.r1[p], s1: twiddles.i1[p], c2: twiddles.r2[p], s2: twiddles.i2[p],
                c3: twiddles.r3[p], s3: twiddles.i3[p])
            let input = s * p
            let output = 4 * s * p
            if s >= 4 {
                for q in Swift.stride(from: 0, to: s, by: 2) {
                    butterfly4(
                        SIMD2<Double>.self, w, input: input + q, quarter: quarter, output: output + q, stride: s,
                        xr: xr, xi: xi, yr: yr, yi: yi)
                }
            } else {
                for q in 0..<s {
                    butterfly4(
                        Double.self, w, input: input + q, quarter: quarter, output: output + q, stride: s,
                        xr: xr, xi: xi, yr: yr, yi: yi)
                }
            }
        }
    }

    /// The stride-1 radix-4 pass, two columns `p` at a time: inputs and twiddles are contiguous
    /// in `p`, outputs `y[4p + r]` are interleaved, so they are stored lane by lane.
    private static func firstRadix4Pass(
        quarter m: Int,
        twiddles w: (r1: UnsafePointer<Double>, i1: UnsafePointer<Double>, r2: UnsafePointer<Double>,
                     i2: UnsafePointer<Double>, r3: UnsafePointer<Double>, i3: UnsafePointer<Double>),
        xr: UnsafeMutablePointer<Double>, xi: UnsafeMutablePointer<Double>,
        yr: UnsafeMutablePointer<Double>, yi: UnsafeMutablePointer<Double>
    ) {
        typealias V = SIMD2<Double>
        func load(_ pointer: UnsafePointer<Double>) -> V { UnsafeRawPointer(pointer).loadUnaligned(as: V.self) }
        for p in Swift.stride(from: 0, to: m, by: 2) {
            let (ar, ai) = (load(xr + p), load(xi + p))
            let (br, bi) = (load(xr + p + m), load(xi + p + m))
            let (cr, ci) = (load(xr + p + 2 * m), load(xi + p + 2 * m))
            let (dr, di) = (load(xr + p + 3 * m), load(xi + p + 3 * m))
            let (sumACr, sumACi) = (ar + cr, ai + ci)
            let (difACr, difACi) = (ar - cr, ai - ci)
            let (sumBDr, sumBDi) = (br + dr, bi + di)
            // −i·(b − d)
            let (rotBDr, rotBDi) = (bi - di, dr - br)
            let (c1, s1, c2, s2, c3, s3) = (load(w.r1 + p), load(w.i1 + p), load(w.r2 + p), load(w.i2 + p), load(w.r3 + p), load(w.i3 + p))
            let (x1r, x1i) = (difACr + rotBDr, difACi + rotBDi)
            let (x2r, x2i) = (sumACr - sumBDr, sumACi - sumBDi)
            let (x3r, x3i) = (difACr - rotBDr, difACi - rotBDi)
            let outputsReal = (sumACr + sumBDr, x1r * c1 - x1i * s1, x2r * c2 - x2i * s2, x3r * c3 - x3i * s3)
            let outputsImaginary = (sumACi + sumBDi, x1r * s1 + x1i * c1, x2r * s2 + x2i * c2, x3r * s3 + x3i * c3)
            for lane in 0..<2 {
                let o = 4 * (p + lane)
                (yr[o], yr[o + 1], yr[o + 2], yr[o + 3]) =
                    (outputsReal.0[lane], outputsReal.1[lane], outputsReal.2[lane], outputsReal.3[lane])
                (yi[o], yi[o + 1], yi[o + 2], yi[o + 3]) =
                    (outputsImaginary.0[lane], outputsImaginary.1[lane], outputsImaginary.2[lane], outputsImaginary.3[lane])
            }
        }
    }

    /// The final Stockham radix-2 pass over sub-transforms of two points (no twiddles).
    private static func radix2Pass(
        stride s: Int,
        sourceReal xr: UnsafeMutablePointer<Double>, sourceImaginary xi: UnsafeMutablePointer<Double>,
        targetReal yr: UnsafeMutablePointer<Double>, targetImaginary yi: UnsafeMutablePointer<Double>
    ) {
        if s >= 4 {
            for q in Swift.stride(from: 0, to: s, by: 2) {
                butterfly2(SIMD2<Double>.self, q, stride: s, xr: xr, xi: xi, yr: yr, yi: yi)
            }
        } else {
            for q in 0..<s {
                butterfly2(Double.self, q, stride: s, xr: xr, xi: xi, yr: yr, yi: yi)
            }
        }
    }

    /// The three twiddles of one radix-4 butterfly column.
    private struct Twiddles {
        var c1, s1, c2, s2, c3, s3: Double
    }

    @inline(__always)
    private static func butterfly4<V: DoubleLanes>(
        _ lanes: V.Type, _ w: Twiddles, input a: Int, quarter: Int, output o: Int, stride s: Int,
        xr: UnsafeMutablePointer<Double>, xi: UnsafeMutablePointer<Double>,
        yr: UnsafeMutablePointer<Double>, yi: UnsafeMutablePointer<Double>
    ) {
        let (ar, ai) = (V.load(xr + a), V.load(xi + a))
        let (br, bi) = (V.load(xr + a + quarter), V.load(xi + a + quarter))
        let (cr, ci) = (V.load(xr + a + 2 * quarter), V.load(xi + a + 2 * quarter))
        let (dr, di) = (V.load(xr + a + 3 * quarter), V.load(xi + a + 3 * quarter))
        let (sumACr, sumACi) = (ar + cr, ai + ci)
        let (difACr, difACi) = (ar - cr, ai - ci)
        let (sumBDr, sumBDi) = (br + dr, bi + di)
        // −i·(b − d)
        let (rotBDr, rotBDi) = (bi - di, dr - br)
        (sumACr + sumBDr).store(to: yr + o)
        (sumACi + sumBDi).store(to: yi + o)
        let (x1r, x1i) = (difACr + rotBDr, difACi + rotBDi)
        (x1r * w.c1 - x1i * w.s1).store(to: yr + o + s)
        (x1r * w.s1 + x1i * w.c1).store(to: yi + o + s)
        let (x2r, x2i) = (sumACr - sumBDr, sumACi - sumBDi)
        (x2r * w.c2 - x2i * w.s2).store(to: yr + o + 2 * s)
        (x2r * w.s2 + x2i * w.c2).store(to: yi + o + 2 * s)
        let (x3r, x3i) = (difACr - rotBDr, difACi - rotBDi)
        (x3r * w.c3 - x3i * w.s3).store(to: yr + o + 3 * s)
        (x3r * w.s3 + x3i * w.c3).store(to: yi + o + 3 * s)
    }

    @inline(__always)
    private static func butterfly2<V: DoubleLanes>(
        _ lanes: V.Type, _ q: Int, stride s: Int,
        xr: UnsafeMutablePointer<Double>, xi: UnsafeMutablePointer<Double>,
        yr: UnsafeMutablePointer<Double>, yi: UnsafeMutablePointer<Double>
    ) {
        let (ar, ai, br, bi) = (V.load(xr + q), V.load(xi + q), V.load(xr + q + s), V.load(xi + q + s))
        (ar + br).store(to: yr + q)
        (ai + bi).store(to: yi + q)
        (ar - br).store(to: yr + q + s)
        (ai - bi).store(to: yi + q + s)
    }
}

/// One or more `Double` lanes that the FFT butterflies process together.
private protocol DoubleLanes {
    static func load(_ pointer: UnsafeMutablePointer<Double>) -> Self
    func store(to pointer: UnsafeMutablePointer<Double>)
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Double) -> Self
}

extension Double: DoubleLanes {
    @inline(__always) static func load(_ pointer: UnsafeMutablePointer<Double>) -> Double { pointer.pointee }
    @inline(__always) func store(to pointer: UnsafeMutablePointer<Double>) { pointer.pointee = self }
}

extension SIMD2<Double>: DoubleLanes {
    @inline(__always) static func load(_ pointer: UnsafeMutablePointer<Double>) -> SIMD2<Double> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD2<Double>.self)
    }
    @inline(__always) func store(to pointer: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: SIMD2<Double>.self)
    }
}
