import Foundation
import NeuroCore

/// The loudness-following tail gate of ``NSFConfig/TailGate``: a causal, frame-by-frame stage
/// after the model that stops an impact from humming on where its requested loudness has died away.
///
/// For every frame it reads the requested rms `r` (the frame's raw `rms` control) and the model's
/// own output for the frame, and
/// 1. updates the running peak `P` of the requested rms since ``reset()``;
/// 2. measures the produced rms `p` over this frame and the previous one (before the gain);
/// 3. computes how far the request lies below the peak, `depth = 20·log10(P / r)` dB, and from it
///    the engagement `e`, rising linearly from 0 at `threshold_db` to 1 at `threshold_db + knee_db`;
/// 4. sets the frame's target gain to `(c / p)^e` when `p` exceeds the ceiling `c = r · margin`
///    (the request plus `margin_db`), else to 1: fully engaged, the produced level is pulled down
///    to the ceiling; a request of 0 below a positive peak gives silence;
/// 5. glides the gain linearly, sample by sample, from the previous frame's target to this one's.
///
/// So the gain never exceeds 1, never jumps (at most the change of one frame's target spread over
/// a frame), and depends only on the frame and those before it. A chunked caller keeps the whole
/// state at its hop with ``saveState()`` / ``restoreState()`` (three numbers), which makes chunked
/// generation equal whole-impact generation wherever the model's own output does. Nothing is
/// allocated; a frame of non-finite model output (a model failure) holds the gain where it was.
struct LoudnessTailGate: RewindableStage {
    /// What the gate carries from one frame to the next.
    struct State {
        /// The loudest requested rms of the impact so far.
        var peak: Double = 0
        /// The gain at the end of the previous frame.
        var gain: Float = 1
        /// The mean square of the previous frame's model output (before the gain).
        var previousMeanSquare: Double = 0
    }

    private let thresholdDecibels: Double
    private let kneeDecibels: Double
    /// `10^(margin_db / 20)`: the produced rms allowed per unit of requested rms.
    private let marginFactor: Double
    private let samplesPerFrame: Int
    static var initialState: State { State() }
    var state = State()
    var saved = State()

    /// Creates a gate with validated parameters for frames of `samplesPerFrame` samples.
    init(parameters: NSFConfig.TailGate, samplesPerFrame: Int) {
        thresholdDecibels = Double(parameters.thresholdDecibels)
        kneeDecibels = Double(parameters.kneeDecibels)
        marginFactor = pow(10, Double(parameters.marginDecibels) / 20)
        self.samplesPerFrame = samplesPerFrame
    }

    /// Applies the gate to the frame of model output at `output[start ..< start + samplesPerFrame]`
    /// whose requested rms is `requestedRMS`, and advances by that frame.
    mutating func apply(requestedRMS: Float, to output: inout MutableSpan<Float>, from start: Int) {
        var sumOfSquares = 0.0
        for index in start..<start + samplesPerFrame {
            sumOfSquares += Double(output[index]) * Double(output[index])
        }
        let meanSquare = sumOfSquares / Double(samplesPerFrame)
        let requested = max(Double(requestedRMS), 0)
        state.peak = max(state.peak, requested)
        let produced = ((meanSquare + state.previousMeanSquare) / 2).squareRoot()
        state.previousMeanSquare = meanSquare
        let target = produced.isFinite ? targetGain(requested: requested, produced: produced) : state.gain
        let startGain = state.gain
        let frameLength = Float(samplesPerFrame)
        for offset in 0..<samplesPerFrame {
            let gain = startGain + (target - startGain) * (Float(offset + 1) / frameLength)
            output[start + offset] *= min(max(gain, 0), 1)
        }
        state.gain = target
    }

    /// The gain a frame ends on, in 0…1, for its requested and (finite) produced rms and the current peak.
    private func targetGain(requested: Double, produced: Double) -> Float {
        let engagement = self.engagement(requested: requested)
        let ceiling = requested * marginFactor
        guard engagement > 0, produced > ceiling else { return 1 }
        return Float(pow(ceiling / produced, engagement))
    }

    /// How much the gate acts, 0…1, from the request's distance below the running peak.
    private func engagement(requested: Double) -> Double {
        guard state.peak > 0 else { return 0 }
        guard requested > 0 else { return 1 }
        let depth = 20 * log10(state.peak / requested)
        guard kneeDecibels > 0 else { return depth >= thresholdDecibels ? 1 : 0 }
        return min(max((depth - thresholdDecibels) / kneeDecibels, 0), 1)
    }
}
