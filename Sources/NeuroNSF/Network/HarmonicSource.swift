import Foundation
import NeuroCore

/// The harmonic-plus-noise source (SPEC §4): phase-continuous sines, their noise, the merge and
/// the noise-branch excitation.
///
/// The phase follows PyTorch's CPU arithmetic exactly: per-sample increments in cycles, running
/// sums accumulated in float64 and stored as float32, wrap detection on the stored sum, and the
/// random initial phases added to the first sample of the impact only. The state carries over
/// between tiles and calls, so a stream is phase-continuous.
struct HarmonicSource: Sendable {
    /// The phase state of every sine, one array per quantity (what ``HarmonicSineKernel`` reads).
    struct PhaseState: Sendable {
        /// Float64 running sums of the increments `r` (the unwrapped phases `A`).
        var incrementSums: [Double]
        /// The wrapped stored sums `w` of the previous sample.
        var previousWrapped: [Float]
        /// Float64 running sums of `r + s` (the bounded phases `P`).
        var phaseSums: [Double]

        /// Zero phases for `sineCount` sines.
        init(sineCount: Int) {
            incrementSums = Array(repeating: 0, count: sineCount)
            previousWrapped = Array(repeating: 0, count: sineCount)
            phaseSums = Array(repeating: 0, count: sineCount)
        }

        /// Sets every phase to zero, without allocating.
        mutating func clear() {
            for index in incrementSums.indices {
                incrementSums[index] = 0
                previousWrapped[index] = 0
                phaseSums[index] = 0
            }
        }

        /// Copies `other`'s values into this state's arrays, without allocating.
        mutating func copy(from other: PhaseState) {
            for index in incrementSums.indices {
                incrementSums[index] = other.incrementSums[index]
                previousWrapped[index] = other.previousWrapped[index]
                phaseSums[index] = other.phaseSums[index]
            }
        }
    }

    let sineCount: Int
    let sampleRate: Float
    let sineAmplitude: Float
    let noiseStandardDeviation: Float
    let mergeWeights: [Float]
    let mergeBias: Float
    /// `‖w‖`, the L2 norm of the merge weights: the merged noise `Σ w_k·a·ε_k` of independent
    /// standard normals `ε_k` is one normal of standard deviation `a·‖w‖`.
    let mergeWeightNorm: Float

    private var phases: PhaseState
    /// The sines of one tile (`[samplesPerFrame][S]`), allocated once.
    private var sines: [Float]
    private var initialPhases: [Float]
    private var samplesDone = 0
    private var savedPhases: PhaseState
    private var savedSamplesDone = 0

    init(config: NSFConfig, weights: NSFWeights) {
        sineCount = config.sineCount
        sampleRate = Float(config.sampleRate)
        sineAmplitude = config.source.sineAmplitude
        noiseStandardDeviation = config.source.noiseStandardDeviation
        mergeWeights = weights.sourceWeights
        mergeBias = weights.sourceBias
        mergeWeightNorm = Float(weights.sourceWeights.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        phases = PhaseState(sineCount: sineCount)
        sines = Array(repeating: 0, count: config.samplesPerFrame * sineCount)
        savedPhases = PhaseState(sineCount: sineCount)
        initialPhases = Array(repeating: 0, count: sineCount)
    }

    /// Starts an impact with initial phases `ρ` (ρ_0 is forced to 0).
    mutating func reset(initialPhases values: [Float]) {
        phases.clear()
        for index in 0..<sineCount {
            initialPhases[index] = index == 0 ? 0 : values[index]
        }
        samplesDone = 0
    }

    /// Remembers the phases (the state at a chunk's `hop`), without allocating.
    mutating func saveState() {
        savedPhases.copy(from: phases)
        savedSamplesDone = samplesDone
    }

    /// Returns to the phases remembered by ``saveState()``.
    mutating func restoreState() {
        phases.copy(from: savedPhases)
        samplesDone = savedSamplesDone
    }

    /// Computes the merged excitation `S` (`[count]`) from the raw f0 and voicing of each sample
    /// (`count` at most `samplesPerFrame`) and the noise in `sineNoise`.
    ///
    /// The phases and their sines come from ``HarmonicSineKernel`` (four sines at a time, PyTorch's
    /// float64 phase arithmetic bit for bit), then the noise, the merge and its tanh. With
    /// `noisePerSine`, `sineNoise` holds one normal ε per sine and sample (`[count][S]`, the
    /// forward pass exactly, e.g. injected draws) and is overwritten with the noisy sines `E`;
    /// otherwise it holds one normal per sample (`[count]`), the merged noise of all sines at once
    /// (same distribution, a 17th of the random numbers), and `E` is not formed.
    mutating func generate(
        count: Int, f0: [Float], voicing: [Float], noisePerSine: Bool, sineNoise: inout [Float],
        harmonicExcitation: inout [Float]
    ) {
        HarmonicSineKernel.sines(
            f0: f0, count: count, sampleRate: sampleRate, firstSample: samplesDone, initialPhases: initialPhases,
            state: &phases, into: &sines)
        samplesDone += count
        for sample in 0..<count {
            let voiced = voicing[sample]
            let noiseAmplitude = voiced * noiseStandardDeviation + ((1 - voiced) * sineAmplitude) / 3
            if noisePerSine {
                harmonicExcitation[sample] = mergeNoisySines(
                    sample: sample, voiced: voiced, noiseAmplitude: noiseAmplitude, sineNoise: &sineNoise)
            } else {
                var weighted: Float = 0
                for sine in 0..<sineCount {
                    weighted += mergeWeights[sine] * sines[sample * sineCount + sine]
                }
                let noise = noiseAmplitude * mergeWeightNorm * sineNoise[sample]
                harmonicExcitation[sample] = ((weighted * sineAmplitude) * voiced + noise) + mergeBias
            }
        }
        harmonicExcitation.withUnsafeMutableBufferPointer { excitation in
            VectorMath.tanh(inPlace: UnsafeMutableBufferPointer(rebasing: excitation[0..<count]))
        }
    }

    /// The merge of one sample's noisy sines `E_k = a·s_k·v + n·ε_k`, storing each `E_k` over its `ε_k`.
    private func mergeNoisySines(sample: Int, voiced: Float, noiseAmplitude: Float, sineNoise: inout [Float]) -> Float {
        var merged: Float = 0
        for sine in 0..<sineCount {
            let index = sample * sineCount + sine
            let noisy = (sines[index] * sineAmplitude) * voiced + noiseAmplitude * sineNoise[index]
            sineNoise[index] = noisy
            merged += mergeWeights[sine] * noisy
        }
        return merged + mergeBias
    }

    /// The noise-branch excitation `N = η · sine_amp / 3`, in place.
    func scaleExcitation(_ values: inout [Float], count: Int) {
        for index in 0..<count {
            values[index] = (values[index] * sineAmplitude) / 3
        }
    }
}
