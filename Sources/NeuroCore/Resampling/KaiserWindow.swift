import Foundation

/// The Kaiser window and the design formulas that pick its shape from a target attenuation.
///
/// Formulas from J. F. Kaiser, "Nonrecursive digital filter design using the I0-sinh window
/// function" (1974), as given in Oppenheim & Schafer, *Discrete-Time Signal Processing*, §7.5.3.
enum KaiserWindow {
    /// The shape parameter β that gives a stop-band attenuation of `attenuation` dB.
    static func beta(attenuation: Double) -> Double {
        if attenuation > 50 {
            return 0.1102 * (attenuation - 8.7)
        }
        if attenuation >= 21 {
            return 0.5842 * pow(attenuation - 21, 0.4) + 0.07886 * (attenuation - 21)
        }
        return 0
    }

    /// The filter length (in samples of the rate `transitionWidth` is relative to) that reaches
    /// `attenuation` dB with a transition band `transitionWidth` wide (cycles per sample).
    static func length(attenuation: Double, transitionWidth: Double) -> Double {
        (attenuation - 7.95) / (2.285 * 2 * Double.pi * transitionWidth)
    }

    /// The window value at `position` in `−halfWidth…halfWidth` (0 outside), peak 1 at the centre.
    static func value(at position: Double, halfWidth: Double, beta: Double) -> Double {
        let ratio = position / halfWidth
        guard abs(ratio) <= 1 else { return 0 }
        return besselI0(beta * (1 - ratio * ratio).squareRoot()) / besselI0(beta)
    }

    /// The modified Bessel function of the first kind, order 0, by its power series.
    static func besselI0(_ x: Double) -> Double {
        let quarterSquare = x * x / 4
        var term = 1.0
        var sum = 1.0
        var order = 1.0
        while term > sum * 1e-17 {
            term *= quarterSquare / (order * order)
            sum += term
            order += 1
        }
        return sum
    }
}
