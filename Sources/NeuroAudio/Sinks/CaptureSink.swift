import NeuroCore

/// An `AudioSink` that keeps everything written to it in memory, up to a fixed capacity:
/// for tests and for hosts that post-process a live-style render.
///
/// The storage is allocated in ``prepare(format:maxFrameCount:)``; ``write(_:)`` copies into it
/// and refuses (returns `false`) a period that does not fit whole.
public final class CaptureSink: AudioSink, @unchecked Sendable {
    /// The most frames the sink keeps.
    public let capacityFrames: Int
    /// The format of the captured audio, once prepared.
    public private(set) var format: AudioFormat?
    private var storage: [Float] = []
    private var count = 0
    private var refusedPeriods = 0

    /// Creates a sink that keeps up to `capacityFrames` frames.
    public init(capacityFrames: Int) {
        self.capacityFrames = max(capacityFrames, 0)
    }

    /// Allocates room for ``capacityFrames`` frames of `format` and forgets earlier audio.
    public func prepare(format: AudioFormat, maxFrameCount: Int) throws(NeuroError) {
        guard format.channelCount >= 1 else {
            throw NeuroError(.invalidData, "capture sink: needs at least one channel, got \(format.channelCount)")
        }
        self.format = format
        storage = [Float](repeating: 0, count: capacityFrames * format.channelCount)
        count = 0
        refusedPeriods = 0
    }

    /// Appends the period, or returns `false` when it does not fit.
    ///
    /// - Important: Real-time safe: copies into preallocated storage.
    public func write(_ samples: Span<Float>) -> Bool {
        guard count + samples.count <= storage.count else {
            refusedPeriods += 1
            return false
        }
        for index in samples.indices {
            storage[count + index] = samples[index]
        }
        count += samples.count
        return true
    }

    /// Ends the capture.
    ///
    /// - Throws: `.cannotWrite` when periods were refused because the capacity was reached.
    public func finish() throws(NeuroError) {
        guard refusedPeriods == 0 else {
            throw NeuroError(.cannotWrite, "capture sink: full after \(capacityFrames) frames, \(refusedPeriods) periods were dropped")
        }
    }

    /// The captured audio.
    public var audio: AudioBuffer {
        AudioBuffer(samples: Array(storage[0..<count]), format: format ?? AudioFormat(sampleRate: 1))
    }
}
