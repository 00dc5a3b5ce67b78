import NeuroCore
/// The fundamental frequency of one frame by YIN, exactly as `librosa.yin` 0.11 computes it.
///
/// For a frame x of N samples, with r its autocorrelation (`librosa.autocorrelate`) and periods k ∈ [kmin, kmax] (``DescriptorSettings/minimumPeriod`` …
/// ``DescriptorSettings/maximumPeriod``):
/// 1. difference d(0) = 0, d(k) = 2·(r(0) − r(k)) − Σ_{m<k} x(m)² for k = 1…kmax;
/// 2. cumulative-mean normalisation d′(k) = d(k) / (mean_{1…k} d + tiny) for k = kmin…kmax;
/// 3. troughs: local minima of d′ (the first lag counts when d′ rises after it, the last when
///    it falls before it); the smallest lag of a trough below the threshold wins, else the
///    global minimum;
/// 4. parabolic interpolation around it (`_pi_stencil`: −b/a, zero when |b| ≥ |a| or at the edges);
/// 5. f0 = sr / (kmin + index + shift).
///
/// YIN never reports "unvoiced": a silent frame gives sr / kmin. Its aperiodicity, the minimum
/// of d′ over the periods (0 for a perfectly periodic frame), is what ``PitchVoicing`` reads.
/// Allocates only in `init`.
struct YinPitchEstimator: Sendable {
    /// librosa's `util.tiny` of the float32 difference function: the smallest normal float32.
    private static let tiny = Double(Float.leastNormalMagnitude)

    private let sampleRate: Double
    private let minimumPeriod: Int
    private let maximumPeriod: Int
    private let troughThreshold: Double
    private var normalized: [Double]

    /// Prepares YIN with the pitch range and threshold of `settings` (already validated).
    init(settings: DescriptorSettings) {
        sampleRate = Double(settings.sampleRate)
        minimumPeriod = settings.minimumPeriod
        maximumPeriod = settings.maximumPeriod
        troughThreshold = settings.troughThreshold
        normalized = Array(repeating: 0, count: settings.maximumPeriod - settings.minimumPeriod + 1)
    }

    /// The number of autocorrelation lags ``estimate(of:autocorrelation:)`` reads, kmax + 1.
    var lagCount: Int { maximumPeriod + 1 }

    /// The fundamental frequency (Hz) of `frame` (at least kmax samples) and its aperiodicity,
    /// given its autocorrelation r(0)…r(kmax) (``lagCount`` values, see ``FrameTransform``).
    mutating func estimate(
        of frame: UnsafeBufferPointer<Double>, autocorrelation: UnsafeBufferPointer<Double>
    ) -> (fundamental: Double, aperiodicity: Double) {
        computeNormalizedDifference(frame, autocorrelation: autocorrelation)
        return normalized.withUnsafeBufferPointer { values in
            let index = troughIndex(values)
            let period = Double(minimumPeriod + index) + Self.parabolicShift(values, at: index)
            return (sampleRate / period, values.min() ?? 1)
        }
    }

    private mutating func computeNormalizedDifference(
        _ frame: UnsafeBufferPointer<Double>, autocorrelation r: UnsafeBufferPointer<Double>
    ) {
        let (minimumPeriod, maximumPeriod) = (self.minimumPeriod, self.maximumPeriod)
        normalized.withUnsafeMutableBufferPointer { normalized in
            var energy = 0.0
            var cumulative = 0.0
            for k in 1...maximumPeriod {
                energy += frame[k - 1] * frame[k - 1]
                let difference = 2 * (r[0] - r[k]) - energy
                cumulative += difference
                if k >= minimumPeriod {
                    normalized[k - minimumPeriod] = difference / (cumulative / Double(k) + Self.tiny)
                }
            }
        }
    }

    /// The smallest index of a trough below the threshold, else the index of the global minimum.
    private func troughIndex(_ values: UnsafeBufferPointer<Double>) -> Int {
        let last = values.count - 1
        for index in 0...last where values[index] < troughThreshold {
            let isTrough: Bool
            switch index {
            case 0: isTrough = values[0] < values[1]
            case last: isTrough = values[last] < values[last - 1]
            default: isTrough = values[index] < values[index - 1] && values[index] <= values[index + 1]
            }
            if isTrough { return index }
        }
        var minimumIndex = 0
        for index in 1...last where values[index] < values[minimumIndex] {
            minimumIndex = index
        }
        return minimumIndex
    }

    /// The parabolic-interpolation offset of the minimum at `index` (librosa's `_pi_stencil`).
    private static func parabolicShift(_ values: UnsafeBufferPointer<Double>, at index: Int) -> Double {
        guard index > 0, index < values.count - 1 else { return 0 }
        let a = values[index + 1] + values[index - 1] - 2 * values[index]
        let b = (values[index + 1] - values[index - 1]) / 2
        return abs(b) >= abs(a) ? 0 : -b / a
    }
}
