import NeuroCore
/// Where the source module's random numbers come from: a seeded generator or injected draws.
///
/// Positions count samples from the start of the impact, so a copy taken at a chunk's `hop`
/// resumes the stream exactly (the generators are value types).
struct NoiseSource: Sendable {
    private enum Storage: Sendable {
        case generated(phases: GaussianRandom, sines: GaussianRandom, excitation: GaussianRandom)
        case injected(NSFRandomDraws)
    }

    private var storage: Storage
    /// Samples drawn so far in this impact.
    private(set) var position = 0

    /// A stream seeded with `seed` (three independent generators derived from it).
    init(seed: UInt64) {
        storage = .generated(
            phases: GaussianRandom(seed: seed), sines: GaussianRandom(seed: seed ^ 0x5EED_0001),
            excitation: GaussianRandom(seed: seed ^ 0x5EED_0002))
    }

    /// A stream that replays `draws`.
    init(draws: NSFRandomDraws) {
        storage = .injected(draws)
    }

    /// Whether ``draw(count:sines:sineNoise:excitation:scratch:)`` gives one normal per sine and sample
    /// (injected draws, the forward pass exactly) rather than one merged normal per sample (a generator).
    var drawsPerSine: Bool {
        if case .injected = storage { true } else { false }
    }

    /// How many samples injected draws still cover (`Int.max` for a generator).
    var remainingSamples: Int {
        switch storage {
        case .generated: Int.max
        case .injected(let draws): draws.sampleCount - position
        }
    }

    /// The initial phases ρ of the `count` sines (ρ_0 is always 0).
    mutating func initialPhases(count: Int) -> [Float] {
        var phases = [Float](repeating: 0, count: count)
        switch storage {
        case .generated(var generator, let sines, let excitation):
            for index in 1..<max(count, 1) {
                phases[index] = generator.uniform()
            }
            storage = .generated(phases: generator, sines: sines, excitation: excitation)
        case .injected(let draws):
            for index in 1..<max(count, 1) where index < draws.initialPhases.count {
                phases[index] = draws.initialPhases[index]
            }
        }
        return phases
    }

    /// Fills `sineNoise` and `excitation` (`count`) for the next `count` samples; `sineNoise` gets
    /// `count × sines` values with ``drawsPerSine``, else `count` (the sines' merged noise, see
    /// ``HarmonicSource/generate(count:f0:voicing:noisePerSine:sineNoise:harmonicExcitation:)``);
    /// `scratch` (at least `count` floats) is work space of the generators.
    mutating func draw(count: Int, sines: Int, sineNoise: inout [Float], excitation: inout [Float], scratch: inout [Float]) {
        switch storage {
        case .generated(let phases, var sineGenerator, var excitationGenerator):
            scratch.withUnsafeMutableBufferPointer { turns in
                sineNoise.withUnsafeMutableBufferPointer { values in
                    sineGenerator.fill(UnsafeMutableBufferPointer(rebasing: values[0..<count]), turns: turns)
                }
                excitation.withUnsafeMutableBufferPointer { values in
                    excitationGenerator.fill(UnsafeMutableBufferPointer(rebasing: values[0..<count]), turns: turns)
                }
            }
            storage = .generated(phases: phases, sines: sineGenerator, excitation: excitationGenerator)
        case .injected(let draws):
            for index in 0..<count * sines {
                sineNoise[index] = draws.sineNoise[position * sines + index]
            }
            for index in 0..<count {
                excitation[index] = draws.excitationNoise[position + index]
            }
        }
        position += count
    }
}
