/// Converts between the voltage at a converter pin and the voltage at the module's jack.
///
/// Every input passes a divider (``ModuleWiring/dividerTopOhms`` over
/// ``ModuleWiring/dividerBottomOhms``) whose foot sits at the reference voltage, so the pin
/// reads `reference + (jack − reference) · ratio` and the jack is
/// `reference + (pin − reference) / ratio`, the original firmware's "compensated voltage".
/// A 0…10 V gate thus swings the pin by 0…0.48 V around the reference, well inside the
/// converter's ±2.048 V range.
public struct InputScaling: Sendable, Equatable {
    /// The divider ratio `bottom / (top + bottom)`.
    public let ratio: Double

    /// The scaling of `wiring`'s divider.
    public init(wiring: ModuleWiring = .standard) {
        ratio = wiring.dividerBottomOhms / (wiring.dividerTopOhms + wiring.dividerBottomOhms)
    }

    /// The jack voltage for a pin voltage, given the reference as read at its own pin.
    public func jackVolts(pin: Double, reference: Double) -> Double {
        reference + (pin - reference) / ratio
    }

    /// The pin voltage a jack voltage produces (the inverse of ``jackVolts(pin:reference:)``).
    public func pinVolts(jack: Double, reference: Double) -> Double {
        reference + (jack - reference) * ratio
    }
}
