import Testing
import NeuroCore
@testable import NeuroAnalysis

@Suite struct WaveformEnvelopeTests {
    /// `count` samples of noise with a slow swell, so neighbouring columns differ.
    private func signal(_ count: Int, seed: UInt64 = 7) -> [Float] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { index in (generator.nextUnitFloat() - 0.5) * Float(1 + index % 997) / 997 }
    }

    /// The lowest and highest sample of each column, computed directly from the slices.
    private func expectedColumns(_ samples: [Float], columnCount: Int) -> [ClosedRange<Float>?] {
        (0..<columnCount).map { column in
            let slice = samples[(column * samples.count / columnCount)..<((column + 1) * samples.count / columnCount)]
                .filter(\.isFinite)
            guard let low = slice.min(), let high = slice.max() else { return nil }
            return low...high
        }
    }

    @Test(arguments: [1, 7, 750, 4_096])
    func blocksOfAnySizeGiveEachColumnsMinimumAndMaximum(blockSize: Int) {
        let samples = signal(100_003)
        var envelope = WaveformEnvelope(columnCount: 750, sampleCount: samples.count)
        var start = 0
        while start < samples.count {
            envelope.append(Array(samples[start..<min(start + blockSize, samples.count)]))
            start += blockSize
        }
        #expect(envelope.columns.count == 750)
        #expect(envelope.columns == expectedColumns(samples, columnCount: 750))
        #expect(envelope == WaveformEnvelope(columnCount: 750, samples: samples))
        #expect(envelope.peak == samples.map(abs).max())
    }

    @Test func fewerSamplesThanColumnsLeaveColumnsEmpty() {
        let envelope = WaveformEnvelope(columnCount: 10, samples: [0.5, -0.25, 1])
        #expect(envelope.columns.compactMap { $0 } == [0.5...0.5, -0.25 ... -0.25, 1...1])
        #expect(envelope.columns.count == 10 && envelope.peak == 1)
    }

    @Test func nonFiniteSamplesAndSamplesPastTheEndAreIgnored() {
        var envelope = WaveformEnvelope(columnCount: 2, sampleCount: 4)
        envelope.append([.nan, 0.5, -.infinity, -0.75, 9, 9])
        #expect(envelope.columns == [0.5...0.5, -0.75 ... -0.75])
        #expect(envelope.peak == 0.75)
        #expect(WaveformEnvelope(columnCount: 0, samples: [1, 2]).columns.isEmpty)
        #expect(WaveformEnvelope(columnCount: 3, samples: []).peak == 0)
    }
}
