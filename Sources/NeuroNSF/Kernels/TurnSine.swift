/// The sine of an angle given in turns, `sin(2π·turns)`, without a libm call: the scalar
/// reference of the vector kernel ``VectorMath/sine(turnsInPlace:instructionSet:)``.
///
/// The harmonic source, the sinc taps and the noise source take their sines from the vector
/// kernel; this scalar form gives the sinc filter's fixed integer taps and an odd normal of the
/// noise source, and is what the baseline kernel equals bit for bit. The angle is reduced
/// exactly in float32 to a quarter turn (`x − round(x)` with ``FloatRounding``, then folded about
/// ±¼ without a branch), and the sine there is the Taylor polynomial to degree 11, whose
/// truncation error at ±π/2 is below 6e-8.
enum TurnSine {
    /// The documented bound of the absolute error against `sin(2π·turns)` in float64, for
    /// `|turns| < 2²²` (measured over 4 million points in [−4, 4] in the tests).
    static let maxAbsoluteError: Float = 3e-7

    /// Returns `sin(2π·turns)`.
    @inline(__always)
    static func sin(turns: Float) -> Float {
        let x = turns - FloatRounding.nearest(turns)
        // sin is odd and symmetric about ±¼ turn: fold |x| ≤ ½ onto [0, ¼] without a branch
        // (the fold direction is random from sample to sample, so a branch mispredicts).
        let magnitude = abs(x)
        let folded = Float(signOf: x, magnitudeOf: min(magnitude, 0.5 - magnitude))
        let t = folded * Float(2 * Double.pi)
        let t2 = t * t
        var polynomial: Float = -1 / 39_916_800
        polynomial = polynomial * t2 + 1 / 362_880
        polynomial = polynomial * t2 - 1 / 5_040
        polynomial = polynomial * t2 + 1 / 120
        polynomial = polynomial * t2 - 1 / 6
        polynomial = polynomial * t2 + 1
        return t * polynomial
    }
}
