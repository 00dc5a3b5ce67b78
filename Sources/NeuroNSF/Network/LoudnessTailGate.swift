import Foundation
import NeuroCore

/// The loudness-following tail gate of ``NSFConfig/TailGate``: a frame-by-frame stage after the
/// model that stops an impact from humming on where its requested loudness has died away.
///
/// For every frame it reads the requested rms `r` (the frame's raw `rms` control), the requests of
/// the ``lookAheadFrames`` frames after it, and the model's own output for the frame, and
/// 1. updates the running peak `P` of the requested rms since ``reset()``;
/// 2. measures the produced rms `p` of this frame (before the gain);
/// 3. computes how far the request lies below the peak, `depth = 20·log10(P / r)` dB, and from it
///    the engagement `e`, rising linearly from 0 at `threshold_db` to 1 at `threshold_db + knee_db`;
/// 4. sets the frame's target gain to `(c / p)^e` when `p` exceeds the ceiling `c = m · margin`,
///    where `m` is the smallest request of this frame and the look-ahead frames (the request plus
///    `margin_db` where the request is level): fully engaged, the produced level is pulled down to
///    the ceiling; a request of 0 below a positive peak gives silence;
/// 5. glides the gain linearly from the previous frame's target to this one's over the first
///    ``glideSamples`` samples of the frame and holds it for the rest.
///
/// The requests are the descriptor curves measured with centred 2048-sample windows, so a frame's
/// request also counts the louder frames before it on a steep fall; the look-ahead ceiling and the
/// short glide keep the produced level on the request there instead of stalling above it for a
/// frame or two (the end of a clave or a cajon: up to 17 dB above the request with a whole-frame
/// glide and no look-ahead, 2.7 dB at most with them; docs/MODEL.md "The tail gate").
///
/// So the gain never exceeds 1 and never jumps (at most the change of one frame's target spread
/// over ``glideSamples`` samples); it depends on the frame, those before it and the requests of the
/// next ``lookAheadFrames`` frames, which every chunk plan with that much look-ahead provides. A
/// chunked caller keeps the whole state at its hop with ``saveState()`` / ``restoreState()`` (two
/// numbers), which makes chunked generation equal whole-impact generation wherever the model's own
/// output does. Nothing is allocated; a frame of non-finite model output (a model failure) holds
/// the gain where it was.
struct LoudnessTailGate: RewindableStage {
    /// What the gate carries from one frame to the next.
    struct State {
        /// The loudest requested rms of the impact so far.
        var peak: Double = 0
        /// The gain at the end of the previous frame.
        var gain: Float = 1
    }

    /// The frames after the current one whose requests bound its ceiling.
    static let lookAheadFrames = 2
    /// The longest glide from one frame's gain to the next, in samples (2.9 ms at 22 050 Hz).
    static let longestGlide = 64

    private let thresholdDecibels: Double
    private let kneeDecibels: Double
    /// `10^(margin_db / 20)`: the produced rms allowed per unit of requested rms.
    private let marginFactor: Double
    private let samplesPerFrame: Int
    /// Samples over which the gain moves to a new frame's target: ``longestGlide`` or a shorter frame.
    let glideSamples: Int
    static var initialState: State { State() }
    var state = State()
    var saved = State()

    /// Creates a gate with validated parameters for frames of `samplesPerFrame` samples.
    init(parameters: NSFConfig.TailGate, samplesPerFrame: Int) {
        thresholdDecibels = Double(parameters.thresholdDecibels)
        kneeDecibels = Double(parameters.kneeDecibels)
        marginFactor = pow(10, Double(parameters.marginDecibels) / 20)
        self.samplesPerFrame = samplesPerFrame
        glideSamples = min(Self.longestGlide, samplesPerFrame)
    }

    /// The smallest requested rms of `frame` and the ``lookAheadFrames`` frames after it in
    /// `frames` (as many as the call has).
    private static func lowestRequest(in frames: Span<ControlFrame>, from frame: Int) -> Float {
        var lowest = frames[frame].rms
        for next in frame + 1..<min(frame + 1 + lookAheadFrames, frames.count) {
            lowest = min(lowest, frames[next].rms)
        }
        return lowest
    }

    /// Applies the gate to the frame of model output at `output[start ..< start + samplesPerFrame]`
    /// whose controls are `frames[frame]`, and advances by that frame.
    ///
    /// - Parameter frames: the call's control frames; the gate reads the requested rms of `frame`
    ///   and of the ``lookAheadFrames`` frames after it (as many as exist).
    mutating func apply(requests frames: Span<ControlFrame>, frame: Int, to output: inout MutableSpan<Float>, from start: Int) {
        var sumOfSquares = 0.0
        for index in start..<start + samplesPerFrame {
            sumOfSquares += Double(output[index]) * Double(output[index])
        }
        let requested = max(Double(frames[frame].rms), 0)
        state.peak = max(state.peak, requested)
        let produced = (sumOfSquares / Double(samplesPerFrame)).squareRoot()
        let lowest = max(Double(Self.lowestRequest(in: frames, from: frame)), 0)
        let target = produced.isFinite ? targetGain(requested: requested, lowest: lowest, produced: produced) : state.gain
        let startGain = state.gain
        let glide = Float(glideSamples)
        for offset in 0..<samplesPerFrame {
            let gain = offset < glideSamples ? startGain + (target - startGain) * (Float(offset + 1) / glide) : target
            output[start + offset] *= min(max(gain, 0), 1)
        }
        state.gain = target
    }

    /// The gain a frame ends on, in 0…1, for its request, the lowest request from it to the
    /// look-ahead's end, its (finite) produced rms and the current peak.
    private func targetGain(requested: Double, lowest: Double, produced: Double) -> Float {
        let engagement = self.engagement(requested: requested)
        let ceiling = lowest * marginFactor
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
