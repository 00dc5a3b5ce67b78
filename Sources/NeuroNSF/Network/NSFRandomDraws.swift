import NeuroCore
/// The three random tensors of one hn-sinc-NSF forward pass, given explicitly (SPEC §6).
///
/// Tests and `neurorack-run verify-nsf` inject the draws stored in the reference fixtures so the
/// Swift output can be compared with PyTorch's; normal use draws them from a seeded generator.
public struct NSFRandomDraws: Sendable, Equatable {
    /// Draw #1, `[S]`, U[0, 1): initial phases; element 0 is ignored (the fundamental starts at phase 0).
    public var initialPhases: [Float]
    /// Draw #2, `[L][S]` row-major, N(0, 1): noise on the sines.
    public var sineNoise: [Float]
    /// Draw #3, `[L]`, N(0, 1): the noise-branch excitation.
    public var excitationNoise: [Float]

    /// Creates the draws for an impact of `excitationNoise.count` samples and `initialPhases.count` sines.
    ///
    /// - Throws: `.invalidData` when the counts disagree or a value is not finite.
    public init(initialPhases: [Float], sineNoise: [Float], excitationNoise: [Float]) throws(NeuroError) {
        guard !initialPhases.isEmpty, sineNoise.count == excitationNoise.count * initialPhases.count else {
            throw NeuroError(
                .invalidData,
                "random draws: sine noise needs samples × sines = \(excitationNoise.count) × \(initialPhases.count) values, got \(sineNoise.count)")
        }
        for (name, values) in [("initial phases", initialPhases), ("sine noise", sineNoise), ("excitation noise", excitationNoise)] {
            guard values.allSatisfy(\.isFinite) else {
                throw NeuroError(.invalidData, "random draws: \(name) contain NaN or infinity")
            }
        }
        self.initialPhases = initialPhases
        self.sineNoise = sineNoise
        self.excitationNoise = excitationNoise
    }

    /// The number of samples the draws cover.
    public var sampleCount: Int { excitationNoise.count }
}
