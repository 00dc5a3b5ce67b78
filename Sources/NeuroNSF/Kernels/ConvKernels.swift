import NeuroCore
internal import CNSFKernels

/// The residual dilated convolution of the NSF filter blocks, as one fused kernel.
///
/// One call computes a whole layer of a neural filter block (SPEC §5.1 step 2) for `rowCount`
/// time rows: a causal kernel-3 convolution with dilation `d`, tanh, the residual and the
/// context, in a register-blocked micro-kernel (6 time rows × 16 output channels on AVX2+FMA).
public enum ConvKernels {
    /// Computes `out[t][o] = (in[t][o] + tanh(Σ_i Σ_k W[o][i][k] · in[t − (2 − k)·d][i])) + ctx[t][o]`.
    ///
    /// Rows are time-major, `channels` floats each.
    ///
    /// - Parameters:
    ///   - input: row 0 of the layer input; rows `−2·dilation … −1` must be readable (zeros at the
    ///     start of a signal, or the streaming history).
    ///   - context: `rowCount` rows of context.
    ///   - output: `rowCount` rows; must not overlap `input`.
    ///   - rowCount: the number of time rows, `>= 0`.
    ///   - channels: `weights.channels`.
    ///   - dilation: `d >= 1`.
    ///   - weights: the packed weights.
    ///   - instructionSet: the kernel variant; ``KernelInstructionSet/best`` unless testing.
    ///
    /// All pointers should be 64-byte aligned (``AlignedFloatBuffer``) for full speed.
    /// - Precondition: `channels == weights.channels`, `dilation >= 1`, `rowCount >= 0`, and
    ///   `instructionSet.isSupported`.
    public static func residualDilatedConvTanh(
        input: UnsafePointer<Float>, context: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        rowCount: Int, channels: Int, dilation: Int, weights: PackedConvWeights,
        instructionSet: KernelInstructionSet = .best
    ) {
        precondition(channels == weights.channels, "ConvKernels: \(channels) channels but weights for \(weights.channels)")
        precondition(dilation >= 1 && rowCount >= 0, "ConvKernels: dilation \(dilation), rowCount \(rowCount)")
        cnsf_residual_dilated_conv_tanh(
            instructionSet.cValue, input, context, output, rowCount, channels, dilation,
            weights.storage.baseAddress)
    }

    /// The same layer with the rows split over the threads of `pool` (contiguous ranges of
    /// whole 6-row blocks, one per thread).
    ///
    /// - Precondition: as for the single-threaded call.
    public static func residualDilatedConvTanh(
        input: UnsafePointer<Float>, context: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        rowCount: Int, channels: Int, dilation: Int, weights: PackedConvWeights, pool: KernelThreadPool,
        instructionSet: KernelInstructionSet = .best
    ) {
        let threads = pool.threadCount
        let block = 6
        let rowsPerThread = ((rowCount + threads - 1) / threads + block - 1) / block * block
        pool.parallelFor(threads) { part in
            let start = min(part * rowsPerThread, rowCount)
            let end = min(start + rowsPerThread, rowCount)
            guard end > start else { return }
            let offset = start * channels
            residualDilatedConvTanh(
                input: input + offset, context: context + offset, output: output + offset, rowCount: end - start,
                channels: channels, dilation: dilation, weights: weights, instructionSet: instructionSet)
        }
    }
}
