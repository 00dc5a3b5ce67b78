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
    /// The per-sine phase state.
    struct PhaseState: Sendable {
        /// Float64 running sum of the increments `r` (the unwrapped phase `A`).
        var incrementSum: Double = 0
        /// The wrapped stored sum `w` of the previous sample.
        var previousWrapped: Float = 0
        /// Float64 running sum of `r + s` (the bounded phase `P`).
        var phaseSum: Double = 0
    }

    let sineCount: Int
    let sampleRate: Float
    let sineAmplitude: Float
    let noiseStandardDeviation: Float
    let mergeWeights: [Float]
    let mergeBias: Float

    private var phases: [PhaseState]
    /// The phases, then the sines, of one tile (`[samplesPerFrame][S]`), allocated once.
    private var sines: [Float]
    private var initialPhases: [Float]
    private var samplesDone = 0
    private var savedPhases: [PhaseState]
    private var savedSamplesDone = 0

    init(config: NSFConfig, weights: NSFWeights) {
        sineCount = config.sineCount
        sampleRate = Float(config.sampleRate)
        sineAmplitude = config.source.sineAmplitude
        noiseStandardDeviation = config.source.noiseStandardDeviation
        mergeWeights = weights.sourceWeights
        mergeBias = weights.sourceBias
        phases = Array(repeating: PhaseState(), count: sineCount)
        sines = Array(repeating: 0, count: config.samplesPerFrame * sineCount)
        savedPhases = Array(repeating: PhaseState(), count: sineCount)
        initialPhases = Array(repeating: 0, count: sineCount)
    }

    /// Starts an impact with initial phases `ρ` (ρ_0 is forced to 0).
    mutating func reset(initialPhases values: [Float]) {
        for index in 0..<sineCount {
            phases[index] = PhaseState()
            initialPhases[index] = index == 0 ? 0 : values[index]
        }
        samplesDone = 0
    }

    /// Remembers the phases (the state at a chunk's `hop`), without allocating.
    mutating func saveState() {
        for index in 0..<sineCount {
            savedPhases[index] = phases[index]
        }
        savedSamplesDone = samplesDone
    }

    /// Returns to the phases remembered by ``saveState()``.
    mutating func restoreState() {
        for index in 0..<sineCount {
            phases[index] = savedPhases[index]
        }
        samplesDone = savedSamplesDone
    }

    /// Computes the noisy sines `E` (`[count][S]`, overwriting `sineNoise` which holds ε on entry)
    /// and the merged excitation `S` (`[count]`) from the raw f0 and voicing of each sample
    /// (`count` at most `samplesPerFrame`).
    ///
    /// Three passes: the phases (serial in each sine, in float64 as PyTorch), their sines eight at
    /// a time (``VectorMath/sine(turnsInPlace:instructionSet:)``), then the noise and the merge.
    mutating func generate(
        count: Int, f0: [Float], voicing: [Float], sineNoise: inout [Float], harmonicExcitation: inout [Float]
    ) {
        computePhases(count: count, f0: f0)
        let values = count * sineCount
        sines.withUnsafeMutableBufferPointer { sines in
            VectorMath.sine(turnsInPlace: UnsafeMutableBufferPointer(rebasing: sines[0..<values]))
        }
        for sample in 0..<count {
            let voiced = voicing[sample]
            let noiseAmplitude = voiced * noiseStandardDeviation + ((1 - voiced) * sineAmplitude) / 3
            var merged: Float = 0
            for sine in 0..<sineCount {
                let index = sample * sineCount + sine
                let noisy = (sines[index] * sineAmplitude) * voiced + noiseAmplitude * sineNoise[index]
                sineNoise[index] = noisy
                merged += mergeWeights[sine] * noisy
            }
            harmonicExcitation[sample] = tanh(merged + mergeBias)
        }
    }

    /// Writes the phase (in turns) of every sine of the next `count` samples into `sines` and advances.
    ///
    /// Sine by sine, so each sine's running sums stay in registers through the tile.
    private mutating func computePhases(count: Int, f0: [Float]) {
        let (sineCount, sampleRate, first) = (self.sineCount, self.sampleRate, samplesDone)
        f0.withUnsafeBufferPointer { f0 in
            sines.withUnsafeMutableBufferPointer { sines in
                for sine in 0..<sineCount {
                    var state = phases[sine]
                    let harmonic = Float(sine + 1)
                    let initialPhase = initialPhases[sine]
                    for sample in 0..<count {
                        let cycles = (harmonic * f0[sample]) / sampleRate
                        // An f0 so large that the overtone overflows to infinity would give NaN: play no sine then.
                        var increment = cycles.isFinite ? cycles - FloatRounding.floor(cycles) : 0
                        if first + sample == 0 {
                            increment = increment + initialPhase
                        }
                        state.incrementSum += Double(increment)
                        let stored = Float(state.incrementSum)
                        let wrapped = stored - FloatRounding.floor(stored)
                        let shift: Float = first + sample > 0 && wrapped - state.previousWrapped < 0 ? -1 : 0
                        state.previousWrapped = wrapped
                        state.phaseSum += Double(increment + shift)
                        sines[sample * sineCount + sine] = Float(state.phaseSum)
                    }
                    phases[sine] = state
                }
            }
        }
        samplesDone += count
    }

    /// The noise-branch excitation `N = η · sine_amp / 3`, in place.
    func scaleExcitation(_ values: inout [Float], count: Int) {
        for index in 0..<count {
            values[index] = (values[index] * sineAmplitude) / 3
        }
    }
}
