/// The sample format and shape of an audio stream.
public struct AudioFormat: Sendable, Equatable {
    /// Frames per second.
    public var sampleRate: Int
    /// Interleaved channels (1 = mono, 2 = stereo).
    public var channelCount: Int

    /// Creates a format.
    public init(sampleRate: Int, channelCount: Int = 1) {
        self.sampleRate = sampleRate
        self.channelCount = channelCount
    }
}

/// Where rendered audio goes: a sound card, a WAV file, or a test buffer. The output port.
///
/// Two phases: ``prepare(format:maxFrameCount:)`` does every allocation and may throw;
/// ``write(_:)`` is then called once per period with at most `maxFrameCount` frames.
public protocol AudioSink: AnyObject {
    /// Opens the sink and allocates everything it needs.
    ///
    /// - Important: Not real-time: may allocate, block and throw.
    func prepare(format: AudioFormat, maxFrameCount: Int) throws(NeuroError)

    /// Delivers one period of interleaved samples (`frames × channelCount`).
    ///
    /// - Important: Called from the audio thread. A device sink may block until the device
    ///   takes the period (that is its clock) but must not allocate, lock or log; it recovers
    ///   from underruns itself and counts them.
    func write(_ samples: Span<Float>) throws(NeuroError)

    /// Flushes and closes the sink (drains a device, finalises and renames a file).
    func finish() throws(NeuroError)
}
