import NeuroCore
internal import CNSFKernels

/// Vectorised element-wise math for the NSF engine.
public enum VectorMath {
    /// The documented bound of the relative error of ``tanh(inPlace:instructionSet:)``.
    ///
    /// The rational approximation `x·P(x²)/Q(x²)` (degrees 8 over 8 in `x`, fitted for this
    /// project, clamped at ±7.905311 where float32 tanh reaches its largest value below 1) has a
    /// float64 error of 6.0e-9; evaluated in float32 the largest relative error measured over
    /// 4 million points in [−9, 9] is 3.3e-7.
    public static let tanhMaxRelativeError: Float = 4e-7

    /// Replaces every value by its hyperbolic tangent.
    ///
    /// Odd and exact at 0; inputs beyond ±7.905311 (including ±infinity) give the saturated value
    /// ±0.9999998; a NaN becomes that value too. Relative error ≤ ``tanhMaxRelativeError``.
    ///
    /// - Precondition: `instructionSet.isSupported`.
    public static func tanh(inPlace values: UnsafeMutableBufferPointer<Float>, instructionSet: KernelInstructionSet = .best) {
        guard let base = values.baseAddress else { return }
        cnsf_tanh_in_place(instructionSet.cValue, base, values.count)
    }

    /// The documented bound of the absolute error of ``sine(turnsInPlace:instructionSet:)`` against
    /// `sin(2π·x)` in float64, for `|x| < 2²²`: that of ``TurnSine``, whose arithmetic it vectorises.
    public static let turnSineMaxAbsoluteError: Float = 3e-7

    /// Replaces every value `x`, an angle in turns, by `sin(2π·x)`, eight at a time.
    ///
    /// The arithmetic of the scalar `TurnSine` (exact reduction to a quarter turn, Taylor polynomial
    /// of degree 11): the baseline instruction set gives its results bit for bit on x86-64; with
    /// fused multiply-adds (AVX2 + FMA, arm64) the last bit may differ. Error ≤ ``turnSineMaxAbsoluteError``.
    ///
    /// - Precondition: `instructionSet.isSupported`.
    public static func sine(turnsInPlace values: UnsafeMutableBufferPointer<Float>, instructionSet: KernelInstructionSet = .best) {
        guard let base = values.baseAddress else { return }
        cnsf_turn_sine_in_place(instructionSet.cValue, base, values.count)
    }
}
