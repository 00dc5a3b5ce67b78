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
    private var lowPassRaw: [Float]
    private var highPassRaw: [Float]
    /// The sines of `[rows][order / 2]` taps of one tile, computed together; allocated once.
    private var tapSines: [Float]

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
        harmonicHistory = Array(repeating: 0, count: order - 1 + rows)
        noiseHistory = Array(repeating: 0, count: order - 1 + rows)
        savedHarmonicHistory = Array(repeating: 0, count: order - 1)
        savedNoiseHistory = Array(repeating: 0, count: order - 1)
        lowPassRaw = Array(repeating: 0, count: order)
        highPassRaw = Array(repeating: 0, count: order)
        tapSines = Array(repeating: 0, count: rows * half)
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

    /// Writes the normalised low-pass and high-pass taps of `count` rows (at most the `rows` of
    /// `init`) for their cut-offs: row `r`'s taps at `lowPass[r · order + k]`, `k = n + half`.
    ///
    /// `sinc(f·n)` is evaluated once per `|n|`: `fl(f·(−n)) = −fl(f·n)` and the float sine is odd,
    /// so mirroring gives exactly the values of evaluating every tap. The sines of all rows are
    /// computed together, eight at a time (``VectorMath/sine(turnsInPlace:instructionSet:)``).
    mutating func coefficients(
        cutoffs: [Float], count: Int, lowPass: UnsafeMutablePointer<Float>, highPass: UnsafeMutablePointer<Float>
    ) {
        let half = order / 2
        for row in 0..<count {
            for n in 1..<half + 1 {
                tapSines[row * half + n - 1] = (cutoffs[row] * Float(n)) / 2
            }
        }
        tapSines.withUnsafeMutableBufferPointer { sines in
            VectorMath.sine(turnsInPlace: UnsafeMutableBufferPointer(rebasing: sines[0..<count * half]))
        }
        for row in 0..<count {
            taps(row: row, cutoff: cutoffs[row], lowPass: lowPass + row * order, highPass: highPass + row * order)
        }
    }

    /// The taps of one row from its cut-off and the sines of ``coefficients(cutoffs:count:lowPass:highPass:)``.
    private mutating func taps(row: Int, cutoff: Float, lowPass: UnsafeMutablePointer<Float>, highPass: UnsafeMutablePointer<Float>) {
        let half = order / 2
        lowPassRaw[half] = cutoff
        for n in 1..<half + 1 {
            let y = cutoff * Float(n)
            let scaled = cutoff * (tapSines[row * half + n - 1] / (Self.pi * y))
            lowPassRaw[half + n] = scaled
            lowPassRaw[half - n] = scaled
        }
        var lowSum: Float = 0
        var highSum: Float = 0
        for index in 0..<order {
            let scaled = lowPassRaw[index]
            let low = scaled * window[index]
            let high = (integerSinc[index] - scaled) * window[index]
            lowPassRaw[index] = low
            highPassRaw[index] = high
            lowSum += low
            highSum += (index - half) % 2 == 0 ? high : -high
        }
        for index in 0..<order {
            lowPass[index] = lowPassRaw[index] / lowSum
            highPass[index] = highPassRaw[index] / highSum
        }
    }

    /// Filters `count` samples: `y[t] = Σ_k v[t − k] · g[t][k]` for both branches, summed into `output`.
    ///
    /// `lowPass`/`highPass` hold `count × order` taps; `harmonic`/`noise` are the branch inputs.
    /// The branch outputs are written to `harmonicOutput`/`noiseOutput`.
    mutating func filter(
        count: Int, harmonic: [Float], noise: [Float], lowPass: [Float], highPass: [Float],
        harmonicOutput: inout [Float], noiseOutput: inout [Float], output: inout [Float]
    ) {
        let past = order - 1
        for row in 0..<count {
            harmonicHistory[past + row] = harmonic[row]
            noiseHistory[past + row] = noise[row]
        }
        for row in 0..<count {
            var low: Float = 0
            var high: Float = 0
            for tap in 0..<order {
                low += harmonicHistory[past + row - tap] * lowPass[row * order + tap]
                high += noiseHistory[past + row - tap] * highPass[row * order + tap]
            }
            harmonicOutput[row] = low
            noiseOutput[row] = high
            output[row] = low + high
        }
        for index in 0..<past {
            harmonicHistory[index] = harmonicHistory[count + index]
            noiseHistory[index] = noiseHistory[count + index]
        }
    }
}
