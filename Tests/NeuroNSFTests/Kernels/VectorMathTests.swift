import Foundation
@testable import NeuroNSF
import Testing
import NeuroCore

@Suite struct VectorMathTests {
    /// `values` after the in-place kernel `kernel`.
    static func applied(_ values: [Float], _ kernel: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        var result = values
        result.withUnsafeMutableBufferPointer { kernel($0) }
        return result
    }

    static func tanhApproximation(_ values: [Float], instructionSet: KernelInstructionSet) -> [Float] {
        applied(values) { VectorMath.tanh(inPlace: $0, instructionSet: instructionSet) }
    }

    @Test func tanhRelativeErrorStaysWithinTheDocumentedBound() {
        // A dense grid over [-10, 10] plus tiny magnitudes; 200 003 values (not a multiple of 8).
        var values = (0...200_000).map { Float(-10.0 + 20.0 * Double($0) / 200_000) }
        values += [1e-30, -1e-20, 1e-7]
        for instructionSet in KernelInstructionSet.supported {
            let result = Self.tanhApproximation(values, instructionSet: instructionSet)
            var worst = 0.0
            for (x, y) in zip(values, result) where x != 0 {
                let exact = Foundation.tanh(Double(x))
                worst = max(worst, abs(Double(y) - exact) / abs(exact))
            }
            #expect(worst <= Double(VectorMath.tanhMaxRelativeError), "\(instructionSet): \(worst)")
        }
    }

    @Test func tanhIsOddExactAtZeroAndSaturatesToPlusMinusOne() {
        let values: [Float] = [0, -0.0, .infinity, -.infinity, 1e30, -1e30, 7.91, 8, 0.5, -0.5, 3]
        for instructionSet in KernelInstructionSet.supported {
            let result = Self.tanhApproximation(values, instructionSet: instructionSet)
            #expect(result[0] == 0 && result[1] == 0)
            let bound = VectorMath.tanhMaxRelativeError
            for index in 2...5 {
                let expected: Float = values[index] > 0 ? 1 : -1
                #expect(abs(result[index] - expected) <= bound, "tanh(\(values[index])) = \(result[index])")
            }
            #expect(result[6] == result[7], "values beyond the clamp point give the saturated value")
            #expect(result[8] == -result[9])
            #expect(result.allSatisfy { $0.isFinite && abs($0) <= 1 })
        }
    }

    @Test func tanhOfEmptyBufferDoesNothing() {
        let empty = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)
        VectorMath.tanh(inPlace: empty)
    }

    static func turnSine(_ values: [Float], instructionSet: KernelInstructionSet) -> [Float] {
        applied(values) { VectorMath.sine(turnsInPlace: $0, instructionSet: instructionSet) }
    }

    @Test func turnSineErrorStaysWithinTheDocumentedBound() {
        // 2 000 003 angles over [−4, 4] turns plus large phases (not a multiple of 8).
        var values = (0...2_000_000).map { Float(-4.0 + 8.0 * Double($0) / 2_000_000) }
        values += [1_000.3, -65_536.75]
        for instructionSet in KernelInstructionSet.supported {
            let result = Self.turnSine(values, instructionSet: instructionSet)
            var worst = 0.0
            for (x, y) in zip(values, result) {
                worst = max(worst, abs(Double(y) - Foundation.sin(2 * Double.pi * Double(x))))
            }
            #expect(worst <= Double(VectorMath.turnSineMaxAbsoluteError), "\(instructionSet): \(worst)")
        }
    }

    @Test func turnSineBaselineIsTheScalarTurnSineAndEveryCountIsHandled() {
        var generator = SplitMix64(seed: 17)
        for count in 0...19 {
            let values = generator.floats(count, in: -3...3)
            #expect(Self.turnSine(values, instructionSet: .baseline) == values.map { TurnSine.sin(turns: $0) }, "count \(count)")
            for instructionSet in KernelInstructionSet.supported {
                let result = Self.turnSine(values, instructionSet: instructionSet)
                #expect(zip(result, values).allSatisfy { abs($0 - TurnSine.sin(turns: $1)) <= 2.5e-7 }, "\(instructionSet) count \(count)")
            }
        }
        let special: [Float] = [0, 0.25, -0.25, 0.5, 8_388_608, .infinity, .nan]
        for instructionSet in KernelInstructionSet.supported {
            let result = Self.turnSine(special, instructionSet: instructionSet)
            #expect(result[0] == 0 && abs(result[1] - 1) <= 3e-7 && abs(result[2] + 1) <= 3e-7 && abs(result[3]) <= 3e-7)
            #expect(result[4] == 0, "an integer number of turns")
            #expect(result[5].isNaN && result[6].isNaN)
        }
    }
}
