import Foundation
import Testing
@testable import NeuroCore

@Suite struct SemitoneRatioTests {
    @Test func matchesTheEqualTemperedRatio() {
        var worst = 0.0
        for cents in stride(from: -9_600, through: 9_600, by: 7) {
            let semitones = Float(cents) / 100
            let expected = pow(2, Double(semitones) / 12)
            worst = max(worst, abs(Double(semitoneRatio(semitones)) / expected - 1))
        }
        #expect(worst < 3e-7)
        #expect(semitoneRatio(0) == 1 && semitoneRatio(12) == 2 && semitoneRatio(-24) == 0.25)
        #expect(semitoneRatio(.nan) == 1 && semitoneRatio(1_000) == semitoneRatio(96))
    }
}
