import NeuroCore
/// The zero-crossing rate of every centred frame, as `librosa.feature.zero_crossing_rate` 0.11 computes it.
///
/// librosa pads the signal with `frameLength / 2` copies of its first and last samples
/// (`mode="edge"`), sets |x| ≤ 1e-10 to 0, counts 0 as positive (`zero_pos=True`) and counts,
/// inside each frame, the sign changes between consecutive samples (the first sample of a
/// frame never counts); the rate is that count / frameLength. Edge padding adds no changes,
/// so a prefix count of the signal's sign changes answers every frame in O(1).
struct ZeroCrossingCounter: Sendable {
    /// Samples at or below this magnitude count as zero (librosa `threshold`).
    static let threshold: Float = 1e-10

    /// `changes[i]` = sign changes between samples j − 1 and j for j = 1…i.
    private let changes: [Int32]
    private let framing: CenteredFraming

    /// Counts the sign changes of `signal` (not empty) once.
    init(signal: UnsafeBufferPointer<Float>, framing: CenteredFraming) {
        self.framing = framing
        var changes = [Int32](repeating: 0, count: signal.count)
        var count: Int32 = 0
        var wasNegative = signal[0] < -Self.threshold
        for index in 1..<signal.count {
            let isNegative = signal[index] < -Self.threshold
            if isNegative != wasNegative { count += 1 }
            wasNegative = isNegative
            changes[index] = count
        }
        self.changes = changes
    }

    /// The zero-crossing rate of frame `index`.
    func rate(frame index: Int) -> Double {
        let start = framing.frameStart(index)
        let crossings = changes[clamped(start + framing.frameLength - 1)] - changes[clamped(start)]
        return Double(crossings) / Double(framing.frameLength)
    }

    /// The signal index an edge-padded position reads.
    private func clamped(_ position: Int) -> Int { min(max(position, 0), changes.count - 1) }
}
