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
    }
}
