import NeuroCore
internal import CNSFKernels

/// The time-varying windowed-sinc filter pair of the NSF output (SPEC §5.3–5.4), eight rows at a time.
enum SincFilterKernel {
    /// Computes every row's low-pass and high-pass taps from its cut-off and filters both branches.
    ///
    /// Row `t`'s raw low-pass taps are `f·sinc(f·n)` for `n = −half … half` (`f = cutoffs[t]`, the
    /// sines from ``VectorMath/sine(turnsInPlace:instructionSet:)``'s arithmetic), the high-pass
    /// ones `sinc(n) − f·sinc(f·n)`; both are windowed and divided by their sum (the high-pass sum
    /// alternating in sign). Then `harmonicOutput[t] = Σ_k harmonicHistory[order − 1 + t − k] · low[t][k]`,
    /// `noiseOutput[t]` likewise with the high-pass taps and `output[t]` their sum. Each row's
    /// arithmetic is the scalar float32 reference's, bit for bit (`SincFilterKernelTests`).
    ///
    /// - Parameters:
    ///   - order: odd, 1…255; `window` and `integerSinc` hold `order` values.
    ///   - harmonicHistory, noiseHistory: the last `order − 1` inputs, then the `count` rows, padded
    ///     to `order − 1 + ⌈count / 8⌉ · 8` values.
    ///   - taps: when given, receives the normalised taps (`count × order` each, row-major).
    ///   - scratch: `16 × order` floats.
    /// - Precondition: the buffers hold what is listed above and `instructionSet.isSupported`.
    static func filter(
        count: Int, order: Int, cutoffs: [Float], window: [Float], integerSinc: [Float],
        harmonicHistory: [Float], noiseHistory: [Float], harmonicOutput: inout [Float], noiseOutput: inout [Float],
        output: inout [Float], taps: (lowPass: UnsafeMutablePointer<Float>, highPass: UnsafeMutablePointer<Float>)?,
        scratch: inout [Float], instructionSet: KernelInstructionSet = .best
    ) {
        let padded = order - 1 + (count + 7) / 8 * 8
        precondition(
            count >= 0 && order % 2 == 1 && (1...255).contains(order) && cutoffs.count >= count
                && window.count == order && integerSinc.count == order && harmonicHistory.count >= padded
                && noiseHistory.count >= padded && harmonicOutput.count >= count && noiseOutput.count >= count
                && output.count >= count && scratch.count >= 16 * order,
            "SincFilterKernel: \(count) rows of \(order) taps do not fit the buffers")
        cutoffs.withUnsafeBufferPointer { cutoffs in
            harmonicHistory.withUnsafeBufferPointer { harmonicHistory in
                noiseHistory.withUnsafeBufferPointer { noiseHistory in
                    harmonicOutput.withUnsafeMutableBufferPointer { harmonicOutput in
                        noiseOutput.withUnsafeMutableBufferPointer { noiseOutput in
                            output.withUnsafeMutableBufferPointer { output in
                                scratch.withUnsafeMutableBufferPointer { scratch in
                                    cnsf_sinc_filter(
                                        instructionSet.cValue, cutoffs.baseAddress, count, order, window,
                                        integerSinc, harmonicHistory.baseAddress, noiseHistory.baseAddress,
                                        harmonicOutput.baseAddress, noiseOutput.baseAddress, output.baseAddress,
                                        taps?.lowPass, taps?.highPass, scratch.baseAddress)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
