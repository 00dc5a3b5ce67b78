/// The ADS1015's register map and config word (TI SBAS473): shared by the driver and the
/// simulated chip, so both read the datasheet the same way.
public enum ADS1015Register: UInt8, Sendable, CaseIterable {
    /// The last result, 12 bits left-justified in 16 (two's complement).
    case conversion = 0x00
    /// Operational status, input mux, gain, mode, data rate, comparator.
    case config = 0x01
    /// Comparator low threshold.
    case lowThreshold = 0x02
    /// Comparator high threshold.
    case highThreshold = 0x03
}

/// What the converter measures: one input against ground, or one of the four differential pairs.
public enum ADS1015Input: Sendable, Hashable {
    /// `AINn` against GND, `n` in 0…3 (mux 100–111).
    case single(Int)
    /// `AINp − AINn` for (0,1), (0,3), (1,3) or (2,3) (mux 000–011).
    case differential(positive: Int, negative: Int)

    /// The config word's MUX field (bits 14:12), or `nil` for a pair the chip does not have.
    public var muxBits: UInt16? {
        switch self {
        case .single(let channel): (0...3).contains(channel) ? UInt16(0b100 + channel) : nil
        case .differential(0, 1): 0b000
        case .differential(0, 3): 0b001
        case .differential(1, 3): 0b010
        case .differential(2, 3): 0b011
        case .differential: nil
        }
    }

    /// The input selected by a MUX field.
    public init(muxBits: UInt16) {
        switch muxBits & 0b111 {
        case 0b000: self = .differential(positive: 0, negative: 1)
        case 0b001: self = .differential(positive: 0, negative: 3)
        case 0b010: self = .differential(positive: 1, negative: 3)
        case 0b011: self = .differential(positive: 2, negative: 3)
        default: self = .single(Int(muxBits & 0b111) - 0b100)
        }
    }
}

/// The programmable gain amplifier's full-scale range (PGA field, bits 11:9).
public enum ADS1015Gain: UInt16, Sendable, CaseIterable {
    /// ±6.144 V.
    case volts6_144 = 0b000
    /// ±4.096 V.
    case volts4_096 = 0b001
    /// ±2.048 V (the module's setting and the power-on default).
    case volts2_048 = 0b010
    /// ±1.024 V.
    case volts1_024 = 0b011
    /// ±0.512 V.
    case volts0_512 = 0b100
    /// ±0.256 V (codes 101–111).
    case volts0_256 = 0b101

    /// The full-scale voltage: code 2048 would be this many volts.
    public var fullScaleVolts: Double {
        switch self {
        case .volts6_144: 6.144
        case .volts4_096: 4.096
        case .volts2_048: 2.048
        case .volts1_024: 1.024
        case .volts0_512: 0.512
        case .volts0_256: 0.256
        }
    }

    /// Volts per code (one LSB of the 12-bit result).
    public var voltsPerCode: Double { fullScaleVolts / 2048 }

    /// The gain of a PGA field (101, 110 and 111 all mean ±0.256 V).
    public init(pgaBits: UInt16) {
        self = ADS1015Gain(rawValue: min(pgaBits & 0b111, 0b101)) ?? .volts2_048
    }
}

/// Conversions per second (DR field, bits 7:5).
public enum ADS1015DataRate: UInt16, Sendable, CaseIterable {
    /// 128 SPS.
    case sps128 = 0b000
    /// 250 SPS.
    case sps250 = 0b001
    /// 490 SPS.
    case sps490 = 0b010
    /// 920 SPS.
    case sps920 = 0b011
    /// 1600 SPS (the power-on default).
    case sps1600 = 0b100
    /// 2400 SPS.
    case sps2400 = 0b101
    /// 3300 SPS (codes 110 and 111; the original module's rate).
    case sps3300 = 0b110

    /// Conversions per second.
    public var samplesPerSecond: Int {
        switch self {
        case .sps128: 128
        case .sps250: 250
        case .sps490: 490
        case .sps920: 920
        case .sps1600: 1600
        case .sps2400: 2400
        case .sps3300: 3300
        }
    }

    /// One conversion's duration in nanoseconds (rounded up).
    public var conversionNanoseconds: UInt64 {
        (1_000_000_000 + UInt64(samplesPerSecond) - 1) / UInt64(samplesPerSecond)
    }

    /// The rate of a DR field (110 and 111 both mean 3300 SPS).
    public init(drBits: UInt16) {
        self = ADS1015DataRate(rawValue: min(drBits & 0b111, 0b110)) ?? .sps1600
    }
}

/// The config register's fields.
public struct ADS1015Config: Sendable, Equatable {
    /// Bit 15, OS: written 1 starts a single conversion; reads 1 when no conversion is running.
    public var operationalStatus: Bool
    /// MUX, bits 14:12.
    public var input: ADS1015Input
    /// PGA, bits 11:9.
    public var gain: ADS1015Gain
    /// MODE, bit 8: single-shot (`true`) or continuous.
    public var isSingleShot: Bool
    /// DR, bits 7:5.
    public var dataRate: ADS1015DataRate
    /// Comparator bits 4:0 (mode, polarity, latch, queue); 0b00011 disables it.
    public var comparatorBits: UInt16

    /// The comparator disabled (COMP_QUE = 11), as the power-on default.
    public static let comparatorDisabled: UInt16 = 0b00011
    /// The power-on value, 0x8583.
    public static let powerOn = ADS1015Config(word: 0x8583)

    /// Creates a config.
    public init(
        operationalStatus: Bool, input: ADS1015Input, gain: ADS1015Gain, isSingleShot: Bool,
        dataRate: ADS1015DataRate, comparatorBits: UInt16 = comparatorDisabled
    ) {
        self.operationalStatus = operationalStatus
        self.input = input
        self.gain = gain
        self.isSingleShot = isSingleShot
        self.dataRate = dataRate
        self.comparatorBits = comparatorBits & 0b11111
    }

    /// Decodes a register value.
    public init(word: UInt16) {
        self.init(
            operationalStatus: word & 0x8000 != 0, input: ADS1015Input(muxBits: word >> 12), gain: ADS1015Gain(pgaBits: word >> 9),
            isSingleShot: word & 0x0100 != 0, dataRate: ADS1015DataRate(drBits: word >> 5), comparatorBits: word)
    }

    /// The register value, or `nil` when ``input`` is not a pair the chip has.
    public var word: UInt16? {
        guard let mux = input.muxBits else { return nil }
        return (operationalStatus ? 0x8000 : 0) | mux << 12 | gain.rawValue << 9 | (isSingleShot ? 0x0100 : 0)
            | dataRate.rawValue << 5 | comparatorBits
    }
}
