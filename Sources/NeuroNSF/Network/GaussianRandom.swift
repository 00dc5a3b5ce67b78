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
    mutating func normal() -> Float {
        if let value = spare {
            spare = nil
            return value
        }
        let radius = (-2 * log(Float(next() >> 40 + 1) * 0x1p-24)).squareRoot()
        let angle = 2 * Float.pi * uniform()
        spare = radius * sin(angle)
        return radius * cos(angle)
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
