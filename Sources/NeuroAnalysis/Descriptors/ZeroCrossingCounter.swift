import NeuroCore
/// The zero-crossing rate of every centred frame, as `librosa.feature.zero_crossing_rate` 0.11 computes it.
///
/// librosa pads the signal with `frameLength / 2` copies of its first and last samples
/// (`mode="edge"`), sets |x| ≤ 1e-10 to 0, counts 0 as positive (`zero_pos=True`) and counts,
/// inside each frame, the sign changes between consecutive samples (the first sample of a
/// frame never counts); the rate is that count / frameLength. Edge padding adds no changes, so
/// the count runs over the frame's positions clamped to the signal.
enum ZeroCrossingCounter {
    /// Samples at or below this magnitude count as zero (librosa `threshold`).
    static let threshold: Float = 1e-10

    /// The zero-crossing rate of frame `index`; `signal` holds every sample of the frame inside the signal.
    static func rate(frame index: Int, of signal: SignalWindow, framing: CenteredFraming) -> Double {
        let start = framing.frameStart(index)
        let first = min(max(start, 0), signal.length - 1)
        let last = min(max(start + framing.frameLength - 1, 0), signal.length - 1)
        var crossings = 0
        var wasNegative = signal[first] < -threshold
        for position in stride(from: first + 1, through: last, by: 1) {
            let isNegative = signal[position] < -threshold
            if isNegative != wasNegative { crossings += 1 }
            wasNegative = isNegative
        }
        return Double(crossings) / Double(framing.frameLength)
    }
}
