import Foundation
@testable import NeuroNSF
import Testing

@Suite struct TurnSineTests {
    @Test func errorStaysWithinTheDocumentedBoundOverSeveralTurns() {
        // 4 000 001 angles over [−4, 4] turns, the range of the harmonic source's bounded phase and beyond.
        var worst = 0.0
        var worstTurns: Float = 0
        for step in 0...4_000_000 {
            let turns = Float(-4.0 + 8.0 * Double(step) / 4_000_000)
            let exact = Foundation.sin(2 * Double.pi * Double(turns))
            let error = abs(Double(TurnSine.sin(turns: turns)) - exact)
            if error > worst {
                worst = error
                worstTurns = turns
            }
        }
        #expect(worst <= Double(TurnSine.maxAbsoluteError), "worst error \(worst) at \(worstTurns) turns")
    }

    @Test func quarterTurnsGiveTheExtremesZeroStaysZeroAndTheSineIsOdd() {
        #expect(TurnSine.sin(turns: 0) == 0)
        #expect(abs(TurnSine.sin(turns: 0.25) - 1) <= TurnSine.maxAbsoluteError)
        #expect(abs(TurnSine.sin(turns: -0.25) + 1) <= TurnSine.maxAbsoluteError)
        #expect(abs(TurnSine.sin(turns: 0.5)) <= TurnSine.maxAbsoluteError)
        #expect(TurnSine.sin(turns: 0.1) == -TurnSine.sin(turns: -0.1), "odd")
    }
}
