import Foundation

/// A zero-phase second-order Butterworth high-pass: the filter run forward, then backward.
///
/// The kit-split evaluation prepares recordings as the default model's training data are prepared
/// (`training/build_dataset.py`: `sosfiltfilt(butter(2, 20 Hz, "highpass"))`): some one-shots hold
/// rumble far below the audible band (GMRockKit's rides, pedal hats and hand clap keep 20–30 dB
/// below their total energy under 20 Hz), which darkens the spectral curves of their quiet frames,
/// and no model is asked to reproduce it. The coefficients are the bilinear transform of the
/// analogue Butterworth prototype prewarped at the cutoff (as scipy's `butter`); both passes start
/// at rest (scipy pads the ends instead, which differs only within a few milliseconds of them).
public struct ZeroPhaseHighPass: Sendable, Equatable {
    private let b0: Double, b1: Double, b2: Double, a1: Double, a2: Double

    /// A high-pass at `cutoffHertz` for signals at `sampleRate` Hz (0 < cutoff < sampleRate / 2).
    public init(cutoffHertz: Double, sampleRate: Int) {
        let omega = 2 * Double.pi * cutoffHertz / Double(sampleRate)
        let alpha = sin(omega) / 2.0.squareRoot()
        let cosine = cos(omega)
        let a0 = 1 + alpha
        b0 = (1 + cosine) / 2 / a0
        b1 = -(1 + cosine) / a0
        b2 = b0
        a1 = -2 * cosine / a0
        a2 = (1 - alpha) / a0
    }

    /// `signal` filtered forward and then backward (twice the attenuation, no phase shift).
    public func filtered(_ signal: [Float]) -> [Float] {
        var values = signal.map(Double.init)
        pass(&values, indices: values.indices)
        pass(&values, indices: values.indices.reversed())
        return values.map { Float($0) }
    }

    /// One pass of the biquad (transposed direct form II) over `values` in the order of `indices`.
    private func pass<Indices: Sequence<Int>>(_ values: inout [Double], indices: Indices) {
        var state1 = 0.0, state2 = 0.0
        for index in indices {
            let input = values[index]
            let output = b0 * input + state1
            state1 = b1 * input - a1 * output + state2
            state2 = b2 * input - a2 * output
            values[index] = output
        }
    }
}
