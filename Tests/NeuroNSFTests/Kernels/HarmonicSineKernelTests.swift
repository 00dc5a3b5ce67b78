import Foundation
import NeuroCore
@testable import NeuroNSF
import Testing

/// ``HarmonicSineKernel`` gives the scalar float64 phase arithmetic of the reference bit for bit.
@Suite struct HarmonicSineKernelTests {
    /// The reference phases, sine by sine and sample by sample (SPEC §4), as turns.
    static func scalarPhases(
        f0: [Float], sineCount: Int, sampleRate: Float, firstSample: Int, initialPhases: [Float],
        state: inout HarmonicSource.PhaseState
    ) -> [Float] {
        var phases = [Float](repeating: 0, count: f0.count * sineCount)
        for sine in 0..<sineCount {
            let harmonic = Float(sine + 1)
            for sample in f0.indices {
                let cycles = (harmonic * f0[sample]) / sampleRate
                var increment = cycles.isFinite ? cycles - cycles.rounded(.down) : 0
                if firstSample + sample == 0 {
                    increment = increment + initialPhases[sine]
                }
                state.incrementSums[sine] += Double(increment)
                let stored = Float(state.incrementSums[sine])
                let wrapped = stored - stored.rounded(.down)
                let shift: Float = firstSample + sample > 0 && wrapped - state.previousWrapped[sine] < 0 ? -1 : 0
                state.previousWrapped[sine] = wrapped
                state.phaseSums[sine] += Double(increment + shift)
                phases[sample * sineCount + sine] = Float(state.phaseSums[sine])
            }
        }
        return phases
    }

    @Test(arguments: [1, 3, 4, 5, 17])
    func everyLaneIsTheScalarArithmeticAcrossCalls(sineCount: Int) {
        var random = SplitMix64(seed: UInt64(sineCount))
        let initial = [0] + random.floats(sineCount - 1, in: 0...1)
        for instructionSet in KernelInstructionSet.supported {
            var kernelState = HarmonicSource.PhaseState(sineCount: sineCount)
            var scalarState = kernelState
            var first = 0
            for count in [7, 512, 1, 300] {
                var f0 = random.floats(count, in: 20...5_000)
                if count == 300 {
                    f0[10] = .infinity
                    f0[11] = .nan
                    f0[12] = 0
                    f0[13] = 3e38
                }
                var sines = [Float](repeating: .nan, count: count * sineCount)
                HarmonicSineKernel.sines(
                    f0: f0, count: count, sampleRate: 22_050, firstSample: first, initialPhases: initial,
                    state: &kernelState, into: &sines, instructionSet: instructionSet)
                var expected = Self.scalarPhases(
                    f0: f0, sineCount: sineCount, sampleRate: 22_050, firstSample: first, initialPhases: initial,
                    state: &scalarState)
                expected.withUnsafeMutableBufferPointer { VectorMath.sine(turnsInPlace: $0, instructionSet: instructionSet) }
                #expect(sines.map(\.bitPattern) == expected.map(\.bitPattern), "\(instructionSet), \(count) samples from \(first)")
                #expect(kernelState.phaseSums == scalarState.phaseSums && kernelState.incrementSums == scalarState.incrementSums)
                #expect(kernelState.previousWrapped.map(\.bitPattern) == scalarState.previousWrapped.map(\.bitPattern))
                first += count
            }
        }
    }

    @Test func theBaselineAndAVX2PhasesAgreeAndTheSinesStayBounded() {
        var random = SplitMix64(seed: 9)
        let f0 = random.floats(512, in: 30...4_000)
        let initial = [0] + random.floats(16, in: 0...1)
        let results = KernelInstructionSet.supported.map { instructionSet in
            var state = HarmonicSource.PhaseState(sineCount: 17)
            var sines = [Float](repeating: 0, count: 512 * 17)
            HarmonicSineKernel.sines(
                f0: f0, count: 512, sampleRate: 22_050, firstSample: 0, initialPhases: initial, state: &state,
                into: &sines, instructionSet: instructionSet)
            return (state.phaseSums, sines)
        }
        for (phaseSums, sines) in results {
            #expect(phaseSums == results[0].0, "the phases are exact on every instruction set")
            #expect(zip(sines, results[0].1).allSatisfy { abs($0 - $1) <= 2.5e-7 })
            #expect(sines.allSatisfy { abs($0) <= 1.000001 })
        }
    }
}
