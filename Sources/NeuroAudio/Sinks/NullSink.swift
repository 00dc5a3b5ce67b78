import Foundation
import NeuroCore

/// An `AudioSink` that discards the audio, either at once or paced like a sound card.
///
/// Paced, it blocks in ``write(_:)`` until the period would have been played, measured on a
/// `HostClock` from the first write: it stands in for a device in soak tests and headless
/// runs, and a render loop driving it runs in real time.
public final class NullSink: AudioSink, @unchecked Sendable {
    /// How a null sink takes periods.
    public enum Pacing: Sendable {
        /// As fast as they come.
        case none
        /// One period per period duration of `clock` time.
        case realTime(clock: any HostClock)
    }

    /// The sink's pacing.
    public let pacing: Pacing
    private var sampleRate = 1
    private var channelCount = 1
    private var framesWritten = 0
    private var origin: UInt64?

    /// Creates a null sink.
    public init(pacing: Pacing = .none) {
        self.pacing = pacing
    }

    /// Remembers the format; allocates nothing.
    public func prepare(format: AudioFormat, maxFrameCount: Int) throws(NeuroError) {
        guard format.sampleRate >= 1, format.channelCount >= 1 else {
            throw NeuroError(.invalidData, "null sink: needs a positive rate and channel count, got \(format.sampleRate) Hz × \(format.channelCount)")
        }
        sampleRate = format.sampleRate
        channelCount = format.channelCount
        framesWritten = 0
        origin = nil
    }

    /// Discards the period; paced, first waits until the previous periods would have been played.
    ///
    /// - Important: Allocation-free; paced, it sleeps (that is its clock).
    public func write(_ samples: Span<Float>) -> Bool {
        if case .realTime(let clock) = pacing {
            let now = clock.nowNanoseconds()
            let start = origin ?? now
            origin = start
            let due = start &+ UInt64(framesWritten) &* 1_000_000_000 / UInt64(sampleRate)
            if due > now {
                var request = timespec(tv_sec: Int((due - now) / 1_000_000_000), tv_nsec: Int((due - now) % 1_000_000_000))
                var remaining = timespec()
                while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
            }
        }
        framesWritten += samples.count / channelCount
        return true
    }

    /// Nothing to flush.
    public func finish() throws(NeuroError) {}
}
