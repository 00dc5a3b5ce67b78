import Foundation
import NeuroCore
@testable import NeuroNSF
import Testing

/// ``SincFilterKernel`` gives the scalar float32 taps and FIR sums of the reference bit for bit.
@Suite struct SincFilterKernelTests {
    /// The reference: each row's taps from its cut-off, then the two FIR sums, tap 0 first.
    static func scalarFilter(
        cutoffs: [Float], order: Int, window: [Float], integerSinc: [Float], harmonicHistory: [Float],
        noiseHistory: [Float], instructionSet: KernelInstructionSet
    ) -> (taps: [Float], harmonic: [Float], noise: [Float]) {
        let half = order / 2
        let pi = Float(Double.pi)
        var sines = cutoffs.flatMap { cutoff in (0..<half).map { (cutoff * Float($0 + 1)) / 2 } }
        sines.withUnsafeMutableBufferPointer { VectorMath.sine(turnsInPlace: $0, instructionSet: instructionSet) }
        var taps: [Float] = [], harmonic: [Float] = [], noise: [Float] = []
        for (row, cutoff) in cutoffs.enumerated() {
            var raw = [Float](repeating: cutoff, count: order)
            for n in 1..<half + 1 {
                let scaled = cutoff * (sines[row * half + n - 1] / (pi * (cutoff * Float(n))))
                raw[half + n] = scaled
                raw[half - n] = scaled
            }
            let low = (0..<order).map { raw[$0] * window[$0] }
            let high = (0..<order).map { (integerSinc[$0] - raw[$0]) * window[$0] }
            var lowSum: Float = 0, highSum: Float = 0
            for index in 0..<order {
                lowSum += low[index]
                highSum += (index - half) % 2 == 0 ? high[index] : -high[index]
            }
            var lowOut: Float = 0, highOut: Float = 0
            for tap in 0..<order {
                lowOut += harmonicHistory[order - 1 + row - tap] * (low[tap] / lowSum)
                highOut += noiseHistory[order - 1 + row - tap] * (high[tap] / highSum)
            }
            taps += low.map { $0 / lowSum } + high.map { $0 / highSum }
            harmonic.append(lowOut)
            noise.append(highOut)
        }
        return (taps, harmonic, noise)
    }

    @Test(arguments: [(1, 5), (31, 512), (31, 13), (7, 9), (255, 17)])
    func everyRowIsTheScalarArithmetic(order: Int, count: Int) {
        var random = SplitMix64(seed: UInt64(order * 1_000 + count))
        let window = random.floats(order, in: 0.08...1)
        let integerSinc = random.floats(order, in: -0.3...1)
        let cutoffs = random.floats(count, in: 0.02...0.98)
        let padded = order - 1 + (count + 7) / 8 * 8
        let harmonicHistory = random.floats(padded, in: -1...1)
        let noiseHistory = random.floats(padded, in: -1...1)
        for instructionSet in KernelInstructionSet.supported {
            var harmonic = [Float](repeating: .nan, count: count), noise = harmonic, output = harmonic
            var lowPass = [Float](repeating: .nan, count: count * order), highPass = lowPass
            var scratch = [Float](repeating: 0, count: 16 * order)
            lowPass.withUnsafeMutableBufferPointer { low in
                highPass.withUnsafeMutableBufferPointer { high in
                    SincFilterKernel.filter(
                        count: count, order: order, cutoffs: cutoffs, window: window, integerSinc: integerSinc,
                        harmonicHistory: harmonicHistory, noiseHistory: noiseHistory, harmonicOutput: &harmonic,
                        noiseOutput: &noise, output: &output, taps: (low.baseAddress!, high.baseAddress!),
                        scratch: &scratch, instructionSet: instructionSet)
                }
            }
            let expected = Self.scalarFilter(
                cutoffs: cutoffs, order: order, window: window, integerSinc: integerSinc,
                harmonicHistory: harmonicHistory, noiseHistory: noiseHistory, instructionSet: instructionSet)
            var taps: [Float] = []
            for row in 0..<count {
                taps += lowPass[row * order..<(row + 1) * order]
                taps += highPass[row * order..<(row + 1) * order]
            }
            #expect(taps.map(\.bitPattern) == expected.taps.map(\.bitPattern), "\(instructionSet) taps")
            #expect(harmonic.map(\.bitPattern) == expected.harmonic.map(\.bitPattern), "\(instructionSet) harmonic")
            #expect(noise.map(\.bitPattern) == expected.noise.map(\.bitPattern), "\(instructionSet) noise")
            #expect(output.map(\.bitPattern) == zip(harmonic, noise).map { ($0 + $1).bitPattern })
        }
    }
}
