import NeuroCore
/// The element types a safetensors file may store that this project reads.
///
/// Floating-point types decode to `Float` (half and bfloat16 widen exactly); `I64` decodes to `Int64`.
/// All values are little-endian, as the safetensors format prescribes.
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    /// IEEE 754 binary32.
    case float32 = "F32"
    /// IEEE 754 binary16.
    case float16 = "F16"
    /// bfloat16: the upper 16 bits of a binary32.
    case bfloat16 = "BF16"
    /// Signed 64-bit integer.
    case int64 = "I64"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .float32: 4
        case .float16, .bfloat16: 2
        case .int64: 8
        }
    }

    /// Whether the elements are floating-point numbers (decoded by `SafeTensorsFile.floats(_:)`).
    public var isFloatingPoint: Bool { self != .int64 }
}

extension SafeTensorsDType {
    /// Widens an IEEE binary16 bit pattern to a `Float` exactly (subnormals, infinities and NaN included).
    static func floatFromHalfBits(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
        }
    }

    /// Widens a bfloat16 bit pattern to a `Float` exactly.
    static func floatFromBFloat16Bits(_ bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }
}
