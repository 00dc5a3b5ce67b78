import Foundation
import NeuroCore

/// The time-varying windowed-sinc low-pass/high-pass pair and its causal FIR (SPEC §5.3–5.4).
///
/// Coefficients are recomputed for every sample from the cut-off `f_c[t]` with PyTorch's float32
/// arithmetic; the FIR keeps the last `order − 1` input samples of each branch between tiles.
struct SincFilter: Sendable {
    /// Taps (odd), 31 in the reference.
    let order: Int
    private let window: [Float]
    private let integerSinc: [Float]
    private var harmonicHistory: [Float]
    private var noiseHistory: [Float]
    private var savedHarmonicHistory: [Float]
    private var savedNoiseHistory: [Float]
    /// The kernel's per-block taps, `16 × order` floats; allocated once.
    private var scratch: [Float]

    private static let pi = Float(Double.pi)
    private static let twoPi = Float(2 * Double.pi)

    init(order: Int, rows: Int) {
        self.order = order
        let half = order / 2
        window = (0..<order).map { index in
            let n = Float(index - half)
            return Float(0.54) + Float(0.46) * cos((Self.twoPi * n) / Float(order))
        }
        integerSinc = (0..<order).map { index in index == half ? 1 : Self.sinc(Float(index - half)) }
        let paddedRows = (rows + 7) / 8 * 8
        harmonicHistory = Array(repeating: 0, count: order - 1 + paddedRows)
        noiseHistory = Array(repeating: 0, count: order - 1 + paddedRows)
        savedHarmonicHistory = Array(repeating: 0, count: order - 1)
        savedNoiseHistory = Array(repeating: 0, count: order - 1)
        scratch = Array(repeating: 0, count: 16 * order)
    }

    /// `sin(πy)/(πy)`, the sine evaluated in turns (``TurnSine``: `πy` is `y/2` turns, halved exactly).
    private static func sinc(_ y: Float) -> Float {
        TurnSine.sin(turns: y / 2) / (pi * y)
    }

    /// Clears the FIR histories (start of an impact).
    mutating func reset() {
        for index in harmonicHistory.indices {
            harmonicHistory[index] = 0
            noiseHistory[index] = 0
        }
    }

    /// Remembers the FIR histories (the state at a chunk's `hop`).
    mutating func saveState() {
        for index in savedHarmonicHistory.indices {
            savedHarmonicHistory[index] = harmonicHistory[index]
            savedNoiseHistory[index] = noiseHistory[index]
        }
    }

    /// Returns to the FIR histories remembered by ``saveState()``.
    mutating func restoreState() {
        for index in savedHarmonicHistory.indices {
            harmonicHistory[index] = savedHarmonicHistory[index]
            noiseHistory[index] = savedNoiseHistory[index]
        }
    }

    /// Filters `count` samples (at most the `rows` of `init`): `y[t] = Σ_k v[t − k] · g[t][k]` for
    /// both branches, with each row's taps `g[t]` from its cut-off, summed into `output`.
    ///
    /// ``SincFilterKernel`` computes the taps and the sums, eight rows at a time, in the reference's
    /// float32 arithmetic. `harmonic`/`noise` are the branch inputs; the branch outputs are written
    /// to `harmonicOutput`/`noiseOutput`. When `taps` is given it receives the normalised low-pass
    /// and high-pass taps of every row (`[count][order]`, `k = n + order / 2`), for traces.
    mutating func filter(
        count: Int, cutoffs: [Float], harmonic: [Float], noise: [Float],
        harmonicOutput: inout [Float], noiseOutput: inout [Float], output: inout [Float],
        taps: (lowPass: UnsafeMutablePointer<Float>, highPass: UnsafeMutablePointer<Float>)? = nil
    ) {
        let past = order - 1
        for row in 0..<count {
            harmonicHistory[past + row] = harmonic[row]
            noiseHistory[past + row] = noise[row]
        }
        SincFilterKernel.filter(
            count: count, order: order, cutoffs: cutoffs, window: window, integerSinc: integerSinc,
            harmonicHistory: harmonicHistory, noiseHistory: noiseHistory, harmonicOutput: &harmonicOutput,
            noiseOutput: &noiseOutput, output: &output, taps: taps, scratch: &scratch)
        for index in 0..<past {
            harmonicHistory[index] = harmonicHistory[count + index]
            noiseHistory[index] = noiseHistory[count + index]
        }
    }
}
