import NeuroCore
/// Interleaved floating-point audio in memory: samples, sample rate and channel count.
///
/// Samples are nominally in −1…1; the frame `f` of channel `c` is `samples[f · channelCount + c]`.
public struct AudioBuffer: Sendable, Equatable {
    /// Interleaved samples, `frameCount · format.channelCount` of them.
    public var samples: [Float]
    /// Sample rate and channel count.
    public var format: AudioFormat

    /// Creates a buffer.
    ///
    /// - Precondition: `format.channelCount ≥ 1` and `samples.count` is a multiple of it.
    public init(samples: [Float], format: AudioFormat) {
        precondition(format.channelCount >= 1, "an audio buffer needs at least one channel")
        precondition(samples.count % format.channelCount == 0, "samples must fill whole frames")
        self.samples = samples
        self.format = format
    }

    /// Creates a mono buffer.
    public init(mono samples: [Float], sampleRate: Int) {
        self.init(samples: samples, format: AudioFormat(sampleRate: sampleRate, channelCount: 1))
    }

    /// The number of frames (samples per channel).
    public var frameCount: Int { samples.count / format.channelCount }

    /// The duration in seconds.
    public var duration: Double { Double(frameCount) / Double(format.sampleRate) }

    /// The samples of one channel (0-based), de-interleaved.
    public func channel(_ index: Int) -> [Float] {
        precondition((0..<format.channelCount).contains(index), "channel \(index) out of 0..<\(format.channelCount)")
        let stride = format.channelCount
        return (0..<frameCount).map { samples[$0 * stride + index] }
    }

    /// Builds an interleaved buffer from equally long channels.
    ///
    /// - Precondition: at least one channel, all of the same length.
    public init(channels: [[Float]], sampleRate: Int) {
        precondition(!channels.isEmpty, "an audio buffer needs at least one channel")
        let frameCount = channels[0].count
        precondition(channels.allSatisfy { $0.count == frameCount }, "channels must have equal lengths")
        var interleaved = [Float](repeating: 0, count: frameCount * channels.count)
        for (channelIndex, channel) in channels.enumerated() {
            for (frame, sample) in channel.enumerated() {
                interleaved[frame * channels.count + channelIndex] = sample
            }
        }
        self.init(samples: interleaved, format: AudioFormat(sampleRate: sampleRate, channelCount: channels.count))
    }
}
