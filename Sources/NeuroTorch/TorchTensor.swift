import NeuroCore

/// A float32 tensor of rank 3, `[batch, channels, frames]`, as TorchScript methods of the nn~
/// convention take and return them.
public struct TorchTensor: Sendable, Equatable {
    /// The three sizes: batch, channels, frames.
    public let shape: [Int]
    /// `shape[0] · shape[1] · shape[2]` values, row-major (the frame index varies fastest).
    public let values: [Float]

    /// Creates a tensor, checking that the values fill the shape.
    ///
    /// - Throws: `.invalidData` when the shape is not three positive sizes matching the value count.
    public init(shape: [Int], values: [Float]) throws(NeuroError) {
        guard shape.count == 3, shape.allSatisfy({ $0 >= 1 }) else {
            throw NeuroError(.invalidData, "tensor: expected a shape of 3 positive sizes [batch, channels, frames], got \(shape)")
        }
        guard shape.reduce(1, *) == values.count else {
            throw NeuroError(.invalidData, "tensor: shape \(shape) needs \(shape.reduce(1, *)) values, got \(values.count)")
        }
        self.shape = shape
        self.values = values
    }

    /// A single-batch tensor from `channels` rows of equal length.
    ///
    /// - Precondition: at least one non-empty channel, all of the same length.
    public init(channels: [[Float]]) {
        precondition(!channels.isEmpty && !channels[0].isEmpty, "a tensor needs at least one value")
        precondition(channels.allSatisfy { $0.count == channels[0].count }, "channels of a tensor must have one length")
        shape = [1, channels.count, channels[0].count]
        values = channels.flatMap { $0 }
    }

    /// The number of channels.
    public var channelCount: Int { shape[1] }
    /// The number of frames (time steps).
    public var frameCount: Int { shape[2] }

    /// Channel `index` of batch 0.
    public func channel(_ index: Int) -> ArraySlice<Float> {
        values[(index * frameCount)..<((index + 1) * frameCount)]
    }

    /// The mean of the channels of batch 0: mono audio from a multi-channel output.
    public var channelMean: [Float] {
        guard channelCount > 1 else { return Array(channel(0)) }
        let scale = 1 / Float(channelCount)
        return (0..<frameCount).map { frame in
            (0..<channelCount).reduce(0) { $0 + values[$1 * frameCount + frame] } * scale
        }
    }
}
