import Testing
@testable import NeuroNSF
import NeuroCore

/// ``FloatRounding`` equals the standard library's rounding on every kind of `Float`.
@Suite struct FloatRoundingTests {
    static func expectSame(_ x: Float) {
        let nearest = FloatRounding.nearest(x), floor = FloatRounding.floor(x)
        if x.isNaN {
            #expect(nearest.isNaN && floor.isNaN)
        } else {
            #expect(nearest == x.rounded(.toNearestOrEven), "nearest(\(x))")
            #expect(floor == x.rounded(.down), "floor(\(x))")
        }
    }

    @Test func edgesTiesAndLimits() {
        let edges: [Float] = [
            0, -0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999997, -0.49999997, 1, -1,
            4_194_303.5, -4_194_303.5, 4_194_304, 4_194_304.5, -4_194_304.5, 8_388_607.5, 8_388_608, 12_582_912,
            .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
            -.greatestFiniteMagnitude, .infinity, -.infinity, .nan, 1e30, -1e-30,
        ]
        for x in edges {
            Self.expectSame(x)
            Self.expectSame(x.nextUp)
            Self.expectSame(x.nextDown)
        }
    }

    @Test func randomValuesOfEveryMagnitude() {
        var generator = SplitMix64(seed: 21)
        for _ in 0..<2_000_000 {
            let bits = UInt32(truncatingIfNeeded: generator.next())
            Self.expectSame(Float(bitPattern: bits))
        }
        for _ in 0..<1_000_000 {
            let x = Float(Double(generator.next() >> 11) / Double(1 << 53) * 64 - 32)
            Self.expectSame(x)
        }
    }
}
