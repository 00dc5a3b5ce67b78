import Foundation
import Testing
import NeuroCore
@testable import NeuroAnalysis

@Suite struct RealFFTTests {
    /// Σₙ x[n]·e^(−2πi·kn/N), computed directly.
    static func naiveDFT(_ x: [Double]) -> (real: [Double], imaginary: [Double]) {
        let n = x.count
        var real = [Double](repeating: 0, count: n / 2 + 1)
        var imaginary = real
        for k in 0...n / 2 {
            for (index, value) in x.enumerated() {
                let angle = -2 * Double.pi * Double(k * index % n) / Double(n)
                real[k] += value * cos(angle)
                imaginary[k] += value * sin(angle)
            }
        }
        return (real, imaginary)
    }

    static func randomSignal(count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    @Test(arguments: [8, 16, 32, 64, 128, 512])
    func forwardMatchesDirectDFT(size: Int) throws {
        var fft = try RealFFT(size: size)
        let signal = Self.randomSignal(count: size, seed: UInt64(size))
        var real = [Double](repeating: 0, count: fft.binCount)
        var imaginary = real
        signal.withUnsafeBufferPointer { fft.forward($0, real: &real, imaginary: &imaginary) }
        let expected = Self.naiveDFT(signal)
        let scale = Double(size)
        for k in 0..<fft.binCount {
            #expect(abs(real[k] - expected.real[k]) <= 1e-12 * scale, "bin \(k) real")
            #expect(abs(imaginary[k] - expected.imaginary[k]) <= 1e-12 * scale, "bin \(k) imaginary")
        }
    }

    @Test(arguments: [0, 1, 5, 31])
    func shortSignalsAreZeroPadded(count: Int) throws {
        var fft = try RealFFT(size: 32)
        let signal = Self.randomSignal(count: count, seed: 9)
        var real = [Double](repeating: 0, count: fft.binCount)
        var imaginary = real
        signal.withUnsafeBufferPointer { fft.forward($0, real: &real, imaginary: &imaginary) }
        let expected = Self.naiveDFT(signal + [Double](repeating: 0, count: 32 - count))
        for k in 0..<fft.binCount {
            #expect(abs(real[k] - expected.real[k]) < 1e-12 && abs(imaginary[k] - expected.imaginary[k]) < 1e-12, "bin \(k)")
        }
    }

    @Test func sineLandsInItsBin() throws {
        var fft = try RealFFT(size: 64)
        let signal = (0..<64).map { cos(2 * Double.pi * 5 * Double($0) / 64) }
        var real = [Double](repeating: 0, count: fft.binCount)
        var imaginary = real
        signal.withUnsafeBufferPointer { fft.forward($0, real: &real, imaginary: &imaginary) }
        #expect(abs(real[5] - 32) < 1e-12)
        let leakage = (0..<fft.binCount).filter { $0 != 5 }.map { hypot(real[$0], imaginary[$0]) }.max() ?? 0
        #expect(leakage < 1e-12)
    }

    @Test func rejectsSizesThatAreNotPowersOfTwo() {
        #expect(throws: NeuroError.self) { try RealFFT(size: 48) }
        #expect(throws: NeuroError.self) { try RealFFT(size: 4) }
    }
}
