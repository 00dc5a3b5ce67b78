/// The five control-voltage inputs of the module, as last read (volts), and which are patched.
///
/// CV1 is reserved for the engine (volume / free assignment); CV2 morphs between the two
/// profiles; CV3–CV5 scale Tone (roll-off), Noise (flatness) and Richness (bandwidth).
/// An unpatched input reads as its neutral value (CV2: 0 V → α = 0.5, CV3–5: ×1).
public struct CVState: Sendable, Equatable {
    /// The number of CV inputs (numbered 1…5 as on the panel).
    public static var inputCount: Int { @_noLocks @_noAllocation get { 5 } }
    /// Valid input voltages on a Eurorack module.
    public static var voltageRange: ClosedRange<Float> { @_noLocks @_noAllocation get { -5...10 } }

    private var volts: SIMD8<Float> = .zero
    private var patched: SIMD8<Int32> = .zero

    /// All inputs unpatched.
    public init() {}

    /// The voltage of input `index` (1…5), or `nil` when the input is unpatched.
    public subscript(index: Int) -> Float? {
        get {
            precondition((1...Self.inputCount).contains(index), "CV inputs are numbered 1…5")
            return patched[index] != 0 ? volts[index] : nil
        }
        set {
            precondition((1...Self.inputCount).contains(index), "CV inputs are numbered 1…5")
            if let value = newValue, value.isFinite {
                volts[index] = Self.clamped(value)
                patched[index] = 1
            } else {
                volts[index] = 0
                patched[index] = 0
            }
        }
    }

    /// `volts` limited to ``voltageRange``.
    @_noLocks @_noAllocation
    public static func clamped(_ volts: Float) -> Float {
        let range = voltageRange
        return min(max(volts, range.lowerBound), range.upperBound)
    }

    /// The morph position α = (CV2 + 4) / 8 clamped to 0…1, as on the original module (0.5 unpatched).
    public var morph: Float {
        let cv2 = self[2] ?? 0
        return min(max((cv2 + 4) / 8, 0), 1)
    }

    /// The multiplier CV3/CV4/CV5 apply to Tone/Noise/Richness: the voltage clamped to 0…4 (1 unpatched).
    public func scale(input index: Int) -> Float {
        min(max(self[index] ?? 1, 0), 4)
    }

    /// The CV voltage that gives morph position `alpha` (inverse of ``morph``).
    @_noLocks @_noAllocation
    public static func morphVoltage(alpha: Float) -> Float { alpha * 8 - 4 }
}
