import NeuroCore
internal import CNSFKernels

/// The sines of the harmonic source: phases in PyTorch's float64 arithmetic, four sines at a time,
/// and their turn sines, eight values at a time.
enum HarmonicSineKernel {
    /// Writes `sin(2π·P)` of every sine `s` (harmonic `s + 1`) of the next `count` samples to
    /// `sines[t · S + s]` and advances `state`.
    ///
    /// The phase `P` of each sine is the scalar arithmetic of the reference (SPEC §4): the increment
    /// `(s + 1)·f0[t] / sampleRate` minus its floor (0 when not finite), plus `initialPhases[s]` at
    /// absolute sample 0, summed in float64, a −1 shift where the wrapped stored sum decreases;
    /// every lane gives that arithmetic bit for bit (`HarmonicSineKernelTests`). The sines are
    /// ``VectorMath/sine(turnsInPlace:instructionSet:)``'s.
    ///
    /// - Parameters:
    ///   - f0: at least `count` pitches in Hz.
    ///   - firstSample: the absolute index of sample 0 in the impact.
    ///   - initialPhases: one per sine.
    ///   - state: the running sums of every sine, read and updated.
    ///   - sines: receives `count · S` values.
    /// - Precondition: `instructionSet.isSupported`; the buffers hold what is listed above.
    static func sines(
        f0: [Float], count: Int, sampleRate: Float, firstSample: Int, initialPhases: [Float],
        state: inout HarmonicSource.PhaseState, into sines: inout [Float], instructionSet: KernelInstructionSet = .best
    ) {
        let sineCount = initialPhases.count
        precondition(
            count >= 0 && f0.count >= count && sines.count >= count * sineCount
                && state.incrementSums.count == sineCount && state.previousWrapped.count == sineCount
                && state.phaseSums.count == sineCount,
            "HarmonicSineKernel: \(count) samples of \(sineCount) sines do not fit the buffers")
        f0.withUnsafeBufferPointer { f0 in
            initialPhases.withUnsafeBufferPointer { initial in
                state.incrementSums.withUnsafeMutableBufferPointer { incrementSums in
                    state.previousWrapped.withUnsafeMutableBufferPointer { previous in
                        state.phaseSums.withUnsafeMutableBufferPointer { phaseSums in
                            sines.withUnsafeMutableBufferPointer { sines in
                                cnsf_harmonic_sines(
                                    instructionSet.cValue, f0.baseAddress, count, sineCount, sampleRate, firstSample,
                                    initial.baseAddress, incrementSums.baseAddress, previous.baseAddress,
                                    phaseSums.baseAddress, sines.baseAddress)
                            }
                        }
                    }
                }
            }
        }
    }
}
