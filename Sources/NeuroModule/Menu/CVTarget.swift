import NeuroCore

/// What one CV input drives, chosen in the menu's CV assignment pages.
///
/// The range of an assignment (``CVAssignment/range``) is expressed in the target's own units:
/// the value at the bottom and at the top of the input's voltage span. The firmware maps the
/// calibrated voltage linearly into it.
public enum CVTarget: Sendable, Hashable {
    /// The input is ignored.
    case none
    /// The morph position α between profiles F0 (0) and F1 (1).
    case morph
    /// The output volume, 0 … 1.
    case volume
    /// A multiplier applied to one descriptor's curve of the latent control (0 … 4, 1 = unchanged).
    case descriptor(Descriptor)

    /// Every target in menu order: none, morph, volume, then the descriptors in `Descriptor` order.
    public static let allCases: [CVTarget] = [.none, .morph, .volume] + Descriptor.allCases.map { .descriptor($0) }

    /// The name shown on the screen (a descriptor shows its musical name).
    public var title: String {
        switch self {
        case .none: "None"
        case .morph: "Morph"
        case .volume: "Volume"
        case .descriptor(let descriptor): descriptor.musicalName
        }
    }

    /// The values a range may span for this target.
    public var rangeLimits: ClosedRange<Float> {
        switch self {
        case .none, .morph, .volume: 0...1
        case .descriptor: 0...4
        }
    }

    /// The amount one encoder detent moves a range bound by (a `Double`, so that the step grid stays decimal).
    public var rangeStep: Double {
        switch self {
        case .none, .morph, .volume: 0.05
        case .descriptor: 0.1
        }
    }
}
