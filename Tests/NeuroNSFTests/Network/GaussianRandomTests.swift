import Testing
@testable import NeuroNSF
import NeuroCore

@Suite struct GaussianRandomTests {
    @Test func isDeterministicPerSeedAndCopiesSnapshotTheStream() {
        var first = GaussianRandom(seed: 42)
        var second = GaussianRandom(seed: 42)
        #expect((0..<10).map { _ in first.next() } == (0..<10).map { _ in second.next() })
        var snapshot = first
        #expect(first.normal() == snapshot.normal())
        var other = GaussianRandom(seed: 43)
        #expect(other.next() != first.next())
    }

    @Test func uniformsStayInTheUnitIntervalWithMeanOneHalf() {
        var random = GaussianRandom(seed: 1)
        let values = (0..<100_000).map { _ in random.uniform() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0, +) / Float(values.count)
        #expect(abs(mean - 0.5) < 0.01)
    }

    @Test func normalsHaveZeroMeanAndUnitVariance() {
        var random = GaussianRandom(seed: 2)
        let values = (0..<100_000).map { _ in Double(random.normal()) }
        #expect(values.allSatisfy { $0.isFinite })
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.02)
        #expect(values.filter { abs($0) > 3 }.count < 400)
        // The two values of each Box–Muller pair are uncorrelated, and so are neighbouring pairs.
        let pairs = stride(from: 0, to: values.count - 3, by: 2)
        let withinPair = pairs.reduce(0) { $0 + values[$1] * values[$1 + 1] } / Double(values.count / 2)
        let acrossPairs = pairs.reduce(0) { $0 + values[$1 + 1] * values[$1 + 2] } / Double(values.count / 2)
        #expect(abs(withinPair) < 0.02 && abs(acrossPairs) < 0.02, "\(withinPair) \(acrossPairs)")
    }

    @Test func fillGivesTheNormalsOneByOneWouldWhateverTheSplit() {
        for split in [0, 1, 2, 7, 8, 511] {
            var single = GaussianRandom(seed: 5)
            var bulk = GaussianRandom(seed: 5)
            let expected = (0..<1_000).map { _ in single.normal() }
            var values = [Float](repeating: .nan, count: 1_000)
            var turns = [Float](repeating: 0, count: 1_000)
            values.withUnsafeMutableBufferPointer { values in
                turns.withUnsafeMutableBufferPointer { turns in
                    bulk.fill(UnsafeMutableBufferPointer(rebasing: values[0..<split]), turns: turns)
                    bulk.fill(UnsafeMutableBufferPointer(rebasing: values[split...]), turns: turns)
                }
            }
            // The vector sine may fuse multiply-adds, so allow its last bit.
            #expect(zip(values, expected).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }, "split \(split)")
            #expect(bulk.next() == single.next(), "split \(split): the streams stay in step")
        }
    }
}
