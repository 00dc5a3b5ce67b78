/// The lowest and highest sample of each of a fixed number of columns of a signal: what a plot
/// draws of a waveform, in memory bounded by the column count whatever the signal's length.
///
/// The signal's length is known before its samples arrive (a WAV header states it), so column
/// `c` of `columnCount` holds samples `c · n / columnCount ..< (c + 1) · n / columnCount` exactly
/// (integer arithmetic), and the samples can arrive in blocks of any size.
public struct WaveformEnvelope: Sendable, Equatable {
    /// The number of samples the envelope spans.
    public let sampleCount: Int
    /// The lowest and highest finite sample of each column; `nil` for a column without one
    /// (when there are fewer samples than columns, or its samples are all NaN or infinite).
    public private(set) var columns: [ClosedRange<Float>?]

    private var received = 0
    private var column = 0
    private var columnEnd = 0

    /// An empty envelope of `columnCount` columns over `sampleCount` samples still to arrive.
    public init(columnCount: Int, sampleCount: Int) {
        self.sampleCount = max(sampleCount, 0)
        columns = Array(repeating: nil, count: max(columnCount, 0))
        columnEnd = columns.isEmpty ? 0 : end(ofColumn: 0)
    }

    /// The envelope of `samples`, all at once.
    public init(columnCount: Int, samples: [Float]) {
        self.init(columnCount: columnCount, sampleCount: samples.count)
        append(samples)
    }

    /// Takes in the next `samples`; samples beyond ``sampleCount`` are ignored.
    public mutating func append(_ samples: [Float]) {
        guard !columns.isEmpty else { return }
        for sample in samples {
            guard received < sampleCount else { return }
            while received >= columnEnd {
                column += 1
                columnEnd = end(ofColumn: column)
            }
            received += 1
            guard sample.isFinite else { continue }
            if let range = columns[column] {
                columns[column] = min(range.lowerBound, sample)...max(range.upperBound, sample)
            } else {
                columns[column] = sample...sample
            }
        }
    }

    /// The largest magnitude of any finite sample (0 for none).
    public var peak: Float {
        columns.reduce(0) { peak, range in range.map { max(peak, -$0.lowerBound, $0.upperBound) } ?? peak }
    }

    /// The index one past the last sample of column `index`.
    private func end(ofColumn index: Int) -> Int {
        let (product, overflow) = (index + 1).multipliedReportingOverflow(by: sampleCount)
        return overflow ? sampleCount : product / columns.count
    }
}
