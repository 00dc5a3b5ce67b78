import NeuroCore
internal import CNSFKernels

/// Vectorised element-wise math for the NSF engine.
public enum VectorMath {
    /// The documented bound of the relative error of ``tanh(inPlace:instructionSet:)``.
    ///
    /// The rational approximation `x·P(x²)/Q(x²)` (degrees 12 over 6 in `x`, fitted for this
    /// project, clamped at ±7.905311 where float32 tanh reaches its largest value below 1) has a
    /// float64 error of 1.6e-9; evaluated in float32 the largest relative error measured over
    /// 4 million points in [−9, 9] is 3.3e-7.
    public static let tanhMaxRelativeError: Float = 4e-7

    /// Replaces every value by its hyperbolic tangent.
    ///
    /// Odd and exact at 0; inputs beyond ±7.905311 (including ±infinity) give the saturated value
    /// ±0.9999997; a NaN becomes that value too. Relative error ≤ ``tanhMaxRelativeError``.
    ///
    /// - Precondition: `instructionSet.isSupported`.
    public static func tanh(inPlace values: UnsafeMutableBufferPointer<Float>, instructionSet: KernelInstructionSet = .best) {
        guard let base = values.baseAddress else { return }
        cnsf_tanh_in_place(instructionSet.cValue, base, values.count)
    }
}
