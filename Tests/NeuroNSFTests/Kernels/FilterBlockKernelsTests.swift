import Foundation
import NeuroNSF
import Testing
import NeuroCore

@Suite struct FilterBlockKernelsTests {
    /// Absolute tolerance against float64 references: 64-term float32 sums and three tanh
    /// approximations (each ≤ 4e-7 relative), with margin.
    static let tolerance: Float = 5e-6

    struct Case {
        var channels: Int
        var rowCount: Int
        var expand: [Float]
        var compress: [Float]
        var project: [Float]
        var weights: FilterBlockDenseWeights

        init(channels: Int, rowCount: Int, seed: UInt64) throws {
            var data = SplitMix64(seed: seed)
            self.channels = channels
            self.rowCount = rowCount
            expand = data.floats(channels, in: -2...2)
            compress = data.floats(16 * channels, in: -0.5...0.5)
            project = data.floats(16, in: -0.8...0.8)
            weights = try FilterBlockDenseWeights(
                expand: expand, compress: compress, project: project, scale: 0.1, channels: channels)
        }
    }

    @Test(arguments: [16, 64])
    func expandMatchesReference(channels: Int) throws {
        let testCase = try Case(channels: channels, rowCount: 37, seed: 7)
        var data = SplitMix64(seed: 8)
        let signal = data.floats(testCase.rowCount, in: -1.5...1.5)
        for instructionSet in KernelInstructionSet.supported {
            let output = AlignedFloatBuffer(count: testCase.rowCount * channels)
            signal.withUnsafeBufferPointer { source in
                FilterBlockKernels.expandTanh(
                    signal: source.baseAddress!, output: output.baseAddress, rowCount: testCase.rowCount,
                    weights: testCase.weights, instructionSet: instructionSet)
            }
            var worst: Float = 0
            for t in 0..<testCase.rowCount {
                for c in 0..<channels {
                    let expected = Float(Foundation.tanh(Double(testCase.expand[c] * signal[t])))
                    worst = max(worst, abs(expected - output[t * channels + c]))
                }
            }
            #expect(worst <= Self.tolerance, "\(instructionSet), \(channels) channels: \(worst)")
        }
    }

    @Test(arguments: [16, 64], [1, 5, 203])
    func compressMatchesReference(channels: Int, rowCount: Int) throws {
        let testCase = try Case(channels: channels, rowCount: rowCount, seed: UInt64(channels + rowCount))
        var data = SplitMix64(seed: 9)
        let input = AlignedFloatBuffer(copying: data.floats(rowCount * channels, in: -4...4))
        let residual = data.floats(rowCount, in: -1...1)
        for instructionSet in KernelInstructionSet.supported {
            let output = AlignedFloatBuffer(count: rowCount)
            residual.withUnsafeBufferPointer { source in
                FilterBlockKernels.compressTanhResidual(
                    input: input.baseAddress, residual: source.baseAddress!, output: output.baseAddress,
                    rowCount: rowCount, weights: testCase.weights, instructionSet: instructionSet)
            }
            var worst: Float = 0
            for t in 0..<rowCount {
                var projected = 0.0
                for unit in 0..<16 {
                    var hidden = 0.0
                    for c in 0..<channels {
                        let scaled = Double(input[t * channels + c] * Float(0.1))
                        hidden += Double(testCase.compress[unit * channels + c]) * scaled
                    }
                    projected += Double(testCase.project[unit]) * Foundation.tanh(hidden)
                }
                let expected = Float(Foundation.tanh(projected) + Double(residual[t]))
                worst = max(worst, abs(expected - output[t]))
            }
            #expect(worst <= Self.tolerance, "\(instructionSet), \(channels) channels, \(rowCount) rows: \(worst)")
        }
    }

    @Test func rejectsBadShapesAndValues() {
        let channels = 16
        let expand = [Float](repeating: 0.1, count: channels)
        let compress = [Float](repeating: 0.1, count: 16 * channels)
        let project = [Float](repeating: 0.1, count: 16)
        #expect(throws: NeuroError.self) {
            try FilterBlockDenseWeights(expand: expand, compress: compress, project: project, scale: 0.1, channels: 24)
        }
        #expect(throws: NeuroError.self) {
            try FilterBlockDenseWeights(expand: expand, compress: compress.dropLast(), project: project, scale: 0.1, channels: channels)
        }
        #expect(throws: NeuroError.self) {
            try FilterBlockDenseWeights(expand: expand, compress: compress, project: project, scale: .nan, channels: channels)
        }
        var badProject = project
        badProject[3] = .infinity
        #expect(throws: NeuroError.self) {
            try FilterBlockDenseWeights(expand: expand, compress: compress, project: badProject, scale: 0.1, channels: channels)
        }
    }
}
