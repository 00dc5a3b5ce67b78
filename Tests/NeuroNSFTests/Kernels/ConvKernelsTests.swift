import Foundation
import NeuroNSF
import Testing
import NeuroCore

@Suite struct ConvKernelsTests {
    /// Absolute tolerance against the float64 reference: sums of 3·channels products of magnitude
    /// ≤ 0.15 in float32 (≈ 1e-6) plus the tanh error, with margin.
    static let tolerance: Float = 2e-5

    /// The layer computed with scalar float64 loops straight from the definition.
    static func reference(
        padded: [Float], history: Int, context: [Float], weights: [Float], rowCount: Int, channels: Int, dilation: Int
    ) -> [Float] {
        var output = [Float](repeating: 0, count: rowCount * channels)
        for t in 0..<rowCount {
            for o in 0..<channels {
                var sum = 0.0
                for i in 0..<channels {
                    for k in 0..<3 {
                        let row = history + t - (2 - k) * dilation
                        sum += Double(weights[(o * channels + i) * 3 + k]) * Double(padded[row * channels + i])
                    }
                }
                let residual = Double(padded[(history + t) * channels + o]) + Foundation.tanh(sum)
                output[t * channels + o] = Float(residual + Double(context[t * channels + o]))
            }
        }
        return output
    }

    /// Runs the kernel on random data with random (non-zero) history rows and returns the largest error.
    static func maxError(channels: Int, dilation: Int, rowCount: Int, instructionSet: KernelInstructionSet) throws
        -> Float
    {
        var data = SplitMix64(seed: UInt64(channels * 1_000_003 + dilation * 31 + rowCount))
        let history = 2 * dilation
        let pytorch = data.floats(channels * channels * 3, in: -0.15...0.15)
        let padded = data.floats((history + rowCount) * channels, in: -1...1)
        let context = data.floats(rowCount * channels, in: -1...1)
        let weights = try PackedConvWeights(pytorch: pytorch, channels: channels)

        let input = AlignedFloatBuffer(count: padded.count)
        let contextBuffer = AlignedFloatBuffer(count: context.count)
        let output = AlignedFloatBuffer(count: context.count)
        for index in padded.indices { input[index] = padded[index] }
        for index in context.indices { contextBuffer[index] = context[index] }
        ConvKernels.residualDilatedConvTanh(
            input: input.baseAddress + history * channels, context: contextBuffer.baseAddress,
            output: output.baseAddress, rowCount: rowCount, channels: channels, dilation: dilation, weights: weights,
            instructionSet: instructionSet)

        let expected = reference(
            padded: padded, history: history, context: context, weights: pytorch, rowCount: rowCount,
            channels: channels, dilation: dilation)
        return expected.indices.map { abs(expected[$0] - output[$0]) }.max() ?? 0
    }

    @Test(arguments: [16, 32, 64], [1, 16, 512])
    func matchesReferenceOnEverySupportedInstructionSet(channels: Int, dilation: Int) throws {
        for instructionSet in KernelInstructionSet.supported {
            // 101 rows: two full 48-row tiles, a partial tile and a tail shorter than one row block.
            let error = try Self.maxError(
                channels: channels, dilation: dilation, rowCount: 101, instructionSet: instructionSet)
            #expect(error <= Self.tolerance, "\(instructionSet), channels \(channels), dilation \(dilation): \(error)")
        }
    }

    @Test func handlesRowCountsBelowOneBlock() throws {
        for instructionSet in KernelInstructionSet.supported {
            for rowCount in 0...7 {
                let error = try Self.maxError(
                    channels: 16, dilation: 2, rowCount: rowCount, instructionSet: instructionSet)
                #expect(error <= Self.tolerance, "\(instructionSet), \(rowCount) rows: \(error)")
            }
        }
    }

    @Test func bestInstructionSetIsSupported() {
        #expect(KernelInstructionSet.best.isSupported)
        #expect(KernelInstructionSet.supported.contains(.baseline))
    }

    /// The CPU flags the kernel reports in `/proc/cpuinfo` (x86 Linux), or `nil` elsewhere.
    static let cpuFlags: Set<String>? = {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        return Set(flagsLine.split(separator: " ").map(String.init))
    }()

    /// The run-time dispatch picks AVX2 + FMA exactly when the kernel reports both CPU flags.
    @Test(.enabled(if: cpuFlags != nil, "/proc/cpuinfo lists no CPU flags (not x86 Linux)"))
    func dispatchFollowsTheCPUFlags() throws {
        let flags = try #require(Self.cpuFlags)
        #if arch(x86_64)
        let expected: KernelInstructionSet = flags.contains("avx2") && flags.contains("fma") ? .avx2FMA : .baseline
        #else
        let expected = KernelInstructionSet.baseline
        #endif
        #expect(KernelInstructionSet.best == expected)
    }
}
