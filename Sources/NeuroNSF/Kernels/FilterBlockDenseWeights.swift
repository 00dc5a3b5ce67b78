import NeuroCore
/// The feed-forward weights of one neural filter block (SPEC §5.1 steps 1, 3 and 4), packed for
/// ``FilterBlockKernels``.
///
/// `l_ff_1` expands the 1-channel signal to `channels`, `scale` multiplies the conv stack's output,
/// `l_ff_2` compresses `channels → 16` and `l_ff_3` projects `16 → 1`; none has a bias.
public struct FilterBlockDenseWeights: Sendable {
    /// Hidden units of the compression (`l_ff_2` outputs).
    public static let hiddenCount = 16

    /// Channels of the conv stack.
    public let channels: Int
    /// The multiplier applied to the conv stack's output before the compression.
    public let scale: Float
    let expand: AlignedFloatBuffer
    let compressTransposed: AlignedFloatBuffer
    let project: AlignedFloatBuffer

    /// Packs the PyTorch tensors of one block.
    ///
    /// - Parameters:
    ///   - expand: `l_ff_1.weight`, shape `[channels, 1]`.
    ///   - compress: `l_ff_2.weight`, shape `[16, channels]`, row-major.
    ///   - project: `l_ff_3.weight`, shape `[1, 16]`.
    ///   - scale: the block's `scale` value.
    ///   - channels: a positive multiple of 16 (the NSF uses 64).
    /// - Throws: `NeuroError` of kind `.invalidData` naming the tensor whose size or values are unusable.
    public init(expand: [Float], compress: [Float], project: [Float], scale: Float, channels: Int) throws(NeuroError) {
        let hidden = Self.hiddenCount
        guard channels > 0, channels % PackedConvWeights.panelWidth == 0 else {
            throw NeuroError(.invalidData, "filter block: channels must be a positive multiple of 16, got \(channels)")
        }
        for (name, values, expected) in [
            ("l_ff_1.weight", expand, channels), ("l_ff_2.weight", compress, hidden * channels),
            ("l_ff_3.weight", project, hidden), ("scale", [scale], 1),
        ] {
            guard values.count == expected else {
                throw NeuroError(.invalidData, "filter block \(name): expected \(expected) values, got \(values.count)")
            }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw NeuroError(.invalidData, "filter block \(name): value \(bad) is \(values[bad]), expected a finite number")
            }
        }
        self.channels = channels
        self.scale = scale
        self.expand = AlignedFloatBuffer(copying: expand)
        self.project = AlignedFloatBuffer(copying: project)
        compressTransposed = AlignedFloatBuffer(count: compress.count)
        for unit in 0..<hidden {
            for channel in 0..<channels {
                compressTransposed[channel * hidden + unit] = compress[unit * channels + channel]
            }
        }
    }
}
