/// One input jack of the module: the two gates and the five CVs.
///
/// The raw values are the names used in simulation scripts, the calibration file and the menu.
public enum ModuleInput: String, CaseIterable, Sendable, Codable {
    /// Gate 1: plays the current impact.
    case gate1
    /// Gate 2: regenerates (the next impact becomes the current one).
    case gate2
    /// CV input 1.
    case cv1
    /// CV input 2.
    case cv2
    /// CV input 3.
    case cv3
    /// CV input 4.
    case cv4
    /// CV input 5.
    case cv5

    /// Whether the input is a gate.
    public var isGate: Bool { self == .gate1 || self == .gate2 }

    /// The CV number 1…5, `nil` for a gate.
    public var cvNumber: Int? {
        switch self {
        case .gate1, .gate2: nil
        case .cv1: 1
        case .cv2: 2
        case .cv3: 3
        case .cv4: 4
        case .cv5: 5
        }
    }

    /// Which converter (0 = I2C 0x48, 1 = 0x49) and channel (AIN0…AIN3) measures the input.
    ///
    /// ADC0 carries the gates, CV1 and, on AIN3, the reference; ADC1 carries CV2…CV5.
    public var converterChannel: (converter: Int, channel: Int) {
        switch self {
        case .gate1: (0, 0)
        case .gate2: (0, 1)
        case .cv1: (0, 2)
        case .cv2: (1, 0)
        case .cv3: (1, 1)
        case .cv4: (1, 2)
        case .cv5: (1, 3)
        }
    }

    /// The converter and channel of the reference voltage.
    public static let referenceChannel = (converter: 0, channel: 3)
}
