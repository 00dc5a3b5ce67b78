import Testing
import NeuroCore
@testable import NeuroAnalysis

@Suite struct ZeroCrossingCounterTests {
    /// librosa's definition spelled out: edge-pad, zero the tiny values, count sign-bit changes per frame.
    static func direct(_ signal: [Float], frameLength: Int, hop: Int) -> [Double] {
        let half = frameLength / 2
        let padded = [Float](repeating: signal[0], count: half) + signal + [Float](repeating: signal[signal.count - 1], count: half)
        let negative = padded.map { abs($0) <= ZeroCrossingCounter.threshold ? false : $0 < 0 }
        return (0...(signal.count / hop)).map { frame in
            let start = frame * hop
            let crossings = (start + 1..<start + frameLength).filter { negative[$0] != negative[$0 - 1] }.count
            return Double(crossings) / Double(frameLength)
        }
    }

    @Test(arguments: [1, 7, 40, 100])
    func prefixCountMatchesTheDirectDefinition(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        let signal: [Float] = (0..<count).map { index in
            switch index % 5 {
            case 0: 0
            case 1: 5e-11 * (random.nextUnitFloat() - 0.5)
            default: random.nextUnitFloat() - 0.5
            }
        }
        let framing = CenteredFraming(frameLength: 16, hop: 4)
        let rates = signal.withUnsafeBufferPointer { samples in
            let window = SignalWindow(samples: samples, origin: 0, length: count)
            return (0..<framing.frameCount(signalLength: count)).map {
                ZeroCrossingCounter.rate(frame: $0, of: window, framing: framing)
            }
        }
        #expect(rates == Self.direct(signal, frameLength: 16, hop: 4))
    }
}
