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

/// Where rendered audio goes: a sound card, a WAV file, a test buffer. The output port.
///
/// Two phases: ``prepare(format:maxFrameCount:)`` does every allocation and may throw;
/// ``write(_:)`` is then called once per period with at most `maxFrameCount` frames and never
/// throws; ``finish()`` reports what went wrong in between.
public protocol AudioSink: AnyObject {
    /// Opens the sink and allocates everything it needs.
    ///
    /// - Important: Not real-time: may allocate, block and throw.
    func prepare(format: AudioFormat, maxFrameCount: Int) throws(NeuroError)

    /// Delivers one period of interleaved samples (`frames × channelCount`).
    ///
    /// A device sink may block until the device takes the period (the device is the clock of
    /// the render loop); it must not allocate, lock or log. A failure is not thrown: the sink
    /// keeps what it needs to describe it and returns `false`, and the caller counts it.
    ///
    /// - Important: Called from the audio thread.
    /// - Returns: whether the period was delivered.
    func write(_ samples: Span<Float>) -> Bool

    /// Flushes and closes the sink (drains a device, finalises and renames a file).
    ///
    /// - Important: Not real-time.
    /// - Throws: the first failure of a ``write(_:)`` since ``prepare(format:maxFrameCount:)``,
    ///   or a failure to close; a file sink then leaves no file behind.
    func finish() throws(NeuroError)
}
