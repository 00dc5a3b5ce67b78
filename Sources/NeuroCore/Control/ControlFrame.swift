/// The seven descriptor values that condition one model frame (512 samples at 22 050 Hz).
///
/// A plain value type with fixed storage, so arrays of frames can be handed between threads
/// and read on the audio thread without reference counting.
public struct ControlFrame: Sendable, Equatable, Hashable {
    /// Root-mean-square amplitude (linear).
    public var rms: Float
    /// Zero-crossing rate (0…1).
    public var zcr: Float
    /// Spectral roll-off (Hz).
    public var rolloff: Float
    /// Spectral flatness (0…1).
    public var flatness: Float
    /// Spectral bandwidth (Hz).
    public var bandwidth: Float
    /// Spectral centroid (Hz).
    public var centroid: Float
    /// Fundamental frequency (Hz); ≤ 0 is unvoiced.
    public var f0: Float

    /// Creates a frame from the seven raw values, in ``Descriptor`` order.
    public init(
        rms: Float, zcr: Float, rolloff: Float, flatness: Float,
        bandwidth: Float, centroid: Float, f0: Float
    ) {
        self.rms = rms
        self.zcr = zcr
        self.rolloff = rolloff
        self.flatness = flatness
        self.bandwidth = bandwidth
        self.centroid = centroid
        self.f0 = f0
    }

    /// Creates a frame from exactly seven values in ``Descriptor`` order.
    ///
    /// - Precondition: `values.count == Descriptor.allCases.count`.
    public init<C: Collection>(values: C) where C.Element == Float {
        precondition(values.count == Descriptor.allCases.count, "a control frame has 7 values")
        var iterator = values.makeIterator()
        self.init(
            rms: iterator.next()!, zcr: iterator.next()!, rolloff: iterator.next()!,
            flatness: iterator.next()!, bandwidth: iterator.next()!, centroid: iterator.next()!,
            f0: iterator.next()!)
    }

    /// A silent frame: every descriptor zero.
    public static let silence = ControlFrame(
        rms: 0, zcr: 0, rolloff: 0, flatness: 0, bandwidth: 0, centroid: 0, f0: 0)

    /// Reads or writes one descriptor.
    public subscript(descriptor: Descriptor) -> Float {
        get {
            switch descriptor {
            case .rms: rms
            case .zcr: zcr
            case .rolloff: rolloff
            case .flatness: flatness
            case .bandwidth: bandwidth
            case .centroid: centroid
            case .f0: f0
            }
        }
        set {
            switch descriptor {
            case .rms: rms = newValue
            case .zcr: zcr = newValue
            case .rolloff: rolloff = newValue
            case .flatness: flatness = newValue
            case .bandwidth: bandwidth = newValue
            case .centroid: centroid = newValue
            case .f0: f0 = newValue
            }
        }
    }

    /// The seven values in ``Descriptor`` order.
    public var values: [Float] { Descriptor.allCases.map { self[$0] } }

    /// Whether every value is finite (no NaN or infinity).
    public var isFinite: Bool { Descriptor.allCases.allSatisfy { self[$0].isFinite } }
}
