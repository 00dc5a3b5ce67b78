import Foundation

/// The first-order DC blocker of ``NSFConfig/DCBlock``: `y[n] = g·(x[n] − x[n−1]) + a·y[n−1]`,
/// `a = exp(−2π·fc / sr)`, `g = (1 + a) / 2`, run sample by sample in double precision after the model.
///
/// Its gain is 0 at DC, 1 at Nyquist and never above 1, within 0.2 dB of 1 from five times the
/// cutoff up; a constant offset
/// decays with the time constant `1 / (2π·fc)` (16 ms at 10 Hz). A chunked caller keeps the state
/// (two numbers) at its hop with ``saveState()`` / ``restoreState()``, so chunked generation
/// equals whole-impact generation wherever the model's own output does. Nothing is allocated; a
/// non-finite sample (a model failure) passes through without touching the state.
struct DCBlocker: RewindableStage {
    /// What the filter carries from one sample to the next.
    struct State {
        var previousInput: Double = 0
        var previousOutput: Double = 0
    }

    /// The pole `a`.
    private let pole: Double
    /// The gain `g` that makes the response 1 at Nyquist.
    private let gain: Double
    static var initialState: State { State() }
    var state = State()
    var saved = State()

    /// Creates a blocker with a validated cutoff for audio at `sampleRate` Hz.
    init(parameters: NSFConfig.DCBlock, sampleRate: Int) {
        pole = exp(-2 * Double.pi * Double(parameters.cutoffHertz) / Double(sampleRate))
        gain = (1 + pole) / 2
    }

    /// Filters `output[start ..< start + count]` in place and advances by those samples.
    mutating func apply(to output: inout MutableSpan<Float>, from start: Int, count: Int) {
        var state = self.state
        for index in start..<start + count {
            let input = Double(output[index])
            guard input.isFinite else { continue }
            let filtered = gain * (input - state.previousInput) + pole * state.previousOutput
            state.previousInput = input
            state.previousOutput = filtered
            output[index] = Float(filtered)
        }
        self.state = state
    }
}
