/// `floor` and round-to-nearest of a `Float` without a libm call.
///
/// Swift's `rounded(_:)` becomes a call to glibc's `floorf` / `roundf` on the x86-64 baseline
/// (no SSE4.1 `roundss`); the harmonic source needed three such calls per harmonic per sample.
/// Here `±2²³` (the sign of `x`) is added and subtracted: the sum lies in `[2²³, 2²⁴)` in
/// magnitude, where the spacing of floats is 1, so the FPU's own rounding (ties to even) leaves
/// the nearest integer, and taking `2²³` off again is exact. Every `Float` of magnitude ≥ 2²³ is
/// an integer already, so both functions equal the standard library's on every value (the sign
/// of a zero result may differ).
enum FloatRounding {
    /// `2²³`: the magnitude from which every `Float` is an integer.
    private static let integralMagnitude: Float = 8_388_608

    /// `x.rounded(.toNearestOrEven)`.
    @inline(__always)
    static func nearest(_ x: Float) -> Float {
        guard abs(x) < integralMagnitude else { return x }
        let shift = Float(signOf: x, magnitudeOf: integralMagnitude)
        return (x + shift) - shift
    }

    /// `x.rounded(.down)`.
    @inline(__always)
    static func floor(_ x: Float) -> Float {
        let rounded = nearest(x)
        return rounded > x ? rounded - 1 : rounded
    }
}
