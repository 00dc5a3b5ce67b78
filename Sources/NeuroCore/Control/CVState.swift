/// The five control-voltage inputs of the module, as last read (volts), and which are patched,
/// plus the transposition of a played note.
///
/// What each input drives is the ``CVModulation`` of the latent control (by default CV2 morphs
/// between the two profiles and CV3–CV5 scale Tone, Noise and Richness); an unpatched input
/// is neutral there.
public struct CVState: Sendable, Equatable {
    /// The number of CV inputs (numbered 1…5 as on the panel).
    public static var inputCount: Int { @_noLocks @_noAllocation get { 5 } }
    /// Valid input voltages on a Eurorack module.
    public static var voltageRange: ClosedRange<Float> { @_noLocks @_noAllocation get { -5...10 } }

    /// The range of ``transposition`` in semitones.
    public static var transpositionRange: ClosedRange<Float> { @_noLocks @_noAllocation get { -24...24 } }

    private var volts: SIMD8<Float> = .zero
    private var patched: SIMD8<Int32> = .zero

    /// The interval in semitones by which f0 is transposed after the CV modulation (a keyboard
    /// note's distance from its root, ``ControlEvent/gateNote(velocity:offset:semitones:)``);
    /// clamped to ``transpositionRange``, NaN counts as 0. Frames with f0 = 0 (unvoiced) stay 0.
    public var transposition: Float = 0 {
        didSet {
            let range = Self.transpositionRange
            transposition = transposition.isNaN ? 0 : min(max(transposition, range.lowerBound), range.upperBound)
        }
    }

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

    /// The CV2 voltage that gives morph position `alpha` under ``CVModulation/standard``.
    @_noLocks @_noAllocation
    public static func morphVoltage(alpha: Float) -> Float { alpha * 8 - 4 }
}
