import Foundation
import NeuroCore

/// A small seedable random generator: xoshiro256** seeded by SplitMix64, with Box–Muller normals.
///
/// A value type, so copying it snapshots the stream (the NSF model rewinds to the state at `hop`).
struct GaussianRandom: Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    private var spare: Float?

    /// Creates the stream for `seed`; equal seeds give equal streams.
    init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
    }

    /// The next 64 random bits (xoshiro256**).
    mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A uniform float in [0, 1) with 24 random bits.
    mutating func uniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A standard normal float (Box–Muller in float32 on 24-bit uniforms; the second value of each pair is kept).
    ///
    /// The angle's sine and cosine come from ``TurnSine`` (the uniform is the angle in turns; the
    /// cosine is the sine a quarter turn on), not libm: 3e-7 of error, nothing a noise source hears.
    mutating func normal() -> Float {
        if let value = spare {
            spare = nil
            return value
        }
        let radius = nextRadius()
        let turns = uniform()
        spare = radius * TurnSine.sin(turns: turns)
        return radius * TurnSine.sin(turns: turns + 0.25)
    }

    /// Fills `values` with the next `values.count` standard normals, the same as calling ``normal()``
    /// for each, with the sines of a whole buffer of pairs computed at once
    /// (``VectorMath/sine(turnsInPlace:instructionSet:)``; bit for bit ``normal()`` with the baseline
    /// instruction set). `turns` is scratch space of at least `values.count` floats.
    mutating func fill(_ values: UnsafeMutableBufferPointer<Float>, turns: UnsafeMutableBufferPointer<Float>) {
        var start = 0
        if let value = spare, !values.isEmpty {
            values[0] = value
            spare = nil
            start = 1
        }
        let pairs = (values.count - start) / 2
        for pair in 0..<pairs {
            values[start + 2 * pair] = nextRadius()
            let turn = uniform()
            turns[2 * pair] = turn + 0.25
            turns[2 * pair + 1] = turn
        }
        VectorMath.sine(turnsInPlace: UnsafeMutableBufferPointer(rebasing: turns[0..<2 * pairs]))
        for pair in 0..<pairs {
            let radius = values[start + 2 * pair]
            values[start + 2 * pair] = radius * turns[2 * pair]
            values[start + 2 * pair + 1] = radius * turns[2 * pair + 1]
        }
        if start + 2 * pairs < values.count {
            values[values.count - 1] = normal()
        }
    }

    /// The radius of the next Box–Muller pair, `√(−2 ln u)` for a uniform `u` in (0, 1].
    private mutating func nextRadius() -> Float {
        (-2 * log(Float(next() >> 40 + 1) * 0x1p-24)).squareRoot()
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
