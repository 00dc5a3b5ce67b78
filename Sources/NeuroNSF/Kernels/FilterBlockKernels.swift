import NeuroCore
internal import CNSFKernels

/// The dense (feed-forward) parts of a neural filter block, around the conv stack of ``ConvKernels``.
public enum FilterBlockKernels {
    /// Expands a 1-channel signal: `out[t][c] = tanh(W_ff1[c] · signal[t])` (SPEC §5.1 step 1).
    ///
    /// - Parameters:
    ///   - signal: `rowCount` samples.
    ///   - output: `rowCount` rows of `weights.channels` floats.
    ///   - rowCount: the number of time rows, `>= 0`.
    ///   - weights: the block's packed feed-forward weights (`l_ff_1` is used).
    ///   - instructionSet: the kernel variant; ``KernelInstructionSet/best`` unless testing.
    /// - Precondition: `rowCount >= 0` and `instructionSet.isSupported`.
    public static func expandTanh(
        signal: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, rowCount: Int,
        weights: FilterBlockDenseWeights, instructionSet: KernelInstructionSet = .best
    ) {
        precondition(rowCount >= 0, "FilterBlockKernels: rowCount \(rowCount)")
        cnsf_expand_tanh(
            instructionSet.cValue, signal, weights.expand.baseAddress, output, rowCount, weights.channels)
    }

    /// Ends a block: `out[t] = tanh(W_ff3 · tanh(W_ff2 · fl(scale · in[t]))) + residual[t]`
    /// (SPEC §5.1 steps 3–5).
    ///
    /// - Parameters:
    ///   - input: `rowCount` rows of `weights.channels` floats (the conv stack's output).
    ///   - residual: `rowCount` samples (the block's input signal).
    ///   - output: `rowCount` samples; may be the same memory as `residual`.
    ///   - rowCount: the number of time rows, `>= 0`.
    ///   - weights: the block's packed feed-forward weights (`scale`, `l_ff_2` and `l_ff_3` are used).
    ///   - instructionSet: the kernel variant; ``KernelInstructionSet/best`` unless testing.
    /// - Precondition: `rowCount >= 0` and `instructionSet.isSupported`.
    public static func compressTanhResidual(
        input: UnsafePointer<Float>, residual: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        rowCount: Int, weights: FilterBlockDenseWeights, instructionSet: KernelInstructionSet = .best
    ) {
        precondition(rowCount >= 0, "FilterBlockKernels: rowCount \(rowCount)")
        cnsf_compress_tanh_residual(
            instructionSet.cValue, input, residual, output, rowCount, weights.channels, weights.scale,
            weights.compressTransposed.baseAddress, weights.project.baseAddress)
    }
}
