import NeuroCore
/// The weights of one kernel-3 `channels → channels` convolution, packed for ``ConvKernels``.
///
/// The packed layout is `channels / 16` panels of `[3][channels][16]` floats: tap-major, then
/// input channel, then 16 consecutive output channels, so the micro-kernel reads 16 output
/// weights with one aligned vector load per input channel and tap.
public struct PackedConvWeights: Sendable {
    /// Output channels per panel.
    public static let panelWidth = 16
    /// Taps of the convolution kernel.
    public static let tapCount = 3

    /// Input and output channels.
    public let channels: Int
    let storage: AlignedFloatBuffer

    /// Packs a PyTorch `Conv1d.weight` tensor of shape `[out][in][3]` (row-major, `out == in == channels`).
    ///
    /// - Parameters:
    ///   - pytorch: `channels · channels · 3` finite floats.
    ///   - channels: a positive multiple of 16 (the NSF uses 64).
    /// - Throws: `NeuroError` of kind `.invalidData` when the channel count, the value count or a
    ///   value is unusable.
    public init(pytorch: [Float], channels: Int) throws(NeuroError) {
        let width = Self.panelWidth
        guard channels > 0, channels % width == 0 else {
            throw NeuroError(.invalidData, "conv weights: channels must be a positive multiple of \(width), got \(channels)")
        }
        let expected = channels * channels * Self.tapCount
        guard pytorch.count == expected else {
            throw NeuroError(
                .invalidData,
                "conv weights: expected \(expected) values ([\(channels), \(channels), 3]), got \(pytorch.count)")
        }
        if let bad = pytorch.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(.invalidData, "conv weights: value \(bad) is \(pytorch[bad]), expected a finite number")
        }
        let packed = AlignedFloatBuffer(count: expected)
        let panelSize = Self.tapCount * channels * width
        for output in 0..<channels {
            let panel = output / width
            let lane = output % width
            for input in 0..<channels {
                for tap in 0..<Self.tapCount {
                    let source = (output * channels + input) * Self.tapCount + tap
                    let destination = panel * panelSize + (tap * channels + input) * width + lane
                    packed.baseAddress[destination] = pytorch[source]
                }
            }
        }
        self.channels = channels
        storage = packed
    }

    /// The weight of output channel `output`, input channel `input` and tap `tap`, in PyTorch terms.
    public func weight(output: Int, input: Int, tap: Int) -> Float {
        let width = Self.panelWidth
        let panelSize = Self.tapCount * channels * width
        return storage[(output / width) * panelSize + (tap * channels + input) * width + output % width]
    }
}
