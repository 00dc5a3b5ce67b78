import NeuroCore

/// The nn~ description of a method: the `<method>_params` buffer
/// `[in_channels, in_ratio, out_channels, out_ratio]`.
///
/// Ratios are samples of audio per step of the tensor: an encoder from audio to latents at 1/2048
/// of the sample rate is `[1, 1, latent, 2048]`, its decoder `[latent, 2048, 1, 1]`.
public struct TorchMethodParams: Sendable, Equatable, CustomStringConvertible {
    /// Channels of the input tensor.
    public let inputChannels: Int
    /// Audio samples per input step.
    public let inputRatio: Int
    /// Channels of the output tensor.
    public let outputChannels: Int
    /// Audio samples per output step.
    public let outputRatio: Int

    /// Reads the four values of a `_params` buffer.
    ///
    /// - Throws: `.invalidData` naming `method` unless there are exactly four positive values.
    public init(values: [Int64], method: String) throws(NeuroError) {
        guard values.count == 4, values.allSatisfy({ $0 >= 1 && $0 <= 1 << 24 }) else {
            throw NeuroError(
                .invalidData,
                "\(method)_params: expected 4 positive values [in_channels, in_ratio, out_channels, out_ratio], got \(values)")
        }
        inputChannels = Int(values[0])
        inputRatio = Int(values[1])
        outputChannels = Int(values[2])
        outputRatio = Int(values[3])
    }

    /// `[in_channels, in_ratio, out_channels, out_ratio]`, as the buffer holds it.
    public var description: String { "[\(inputChannels), \(inputRatio), \(outputChannels), \(outputRatio)]" }

    /// Output steps per input step (the ratio `in_ratio / out_ratio`), or `nil` when it is not whole.
    public var stepsPerInputStep: Int? {
        inputRatio % outputRatio == 0 ? inputRatio / outputRatio : nil
    }

    /// The smallest length in samples of audio that maps to whole input and output steps.
    public var ratioBlock: Int {
        let ratio = max(inputRatio, outputRatio)
        return ratio % min(inputRatio, outputRatio) == 0 ? ratio : inputRatio * outputRatio
    }

    /// `samples` rounded up to a whole number of ``ratioBlock``s (at least one).
    public func block(covering samples: Int) -> Int {
        max((samples + ratioBlock - 1) / ratioBlock, 1) * ratioBlock
    }
}
