import NeuroCore
/// How samples are stored in a WAV file: 16- or 24-bit integer PCM, or 32-bit float.
///
/// The raw values (`s16`, `s24`, `f32`) are the spellings of `neurorack-run render --format`.
public enum WAVSampleFormat: String, Sendable, CaseIterable, Equatable {
    /// Signed 16-bit integer PCM (`WAVE_FORMAT_PCM`).
    case int16 = "s16"
    /// Signed 24-bit integer PCM, little-endian packed in three bytes (`WAVE_FORMAT_PCM`).
    case int24 = "s24"
    /// IEEE 754 32-bit float (`WAVE_FORMAT_IEEE_FLOAT`).
    case float32 = "f32"

    /// Bits of one sample of one channel.
    public var bitsPerSample: Int {
        switch self {
        case .int16: 16
        case .int24: 24
        case .float32: 32
        }
    }

    /// Bytes of one sample of one channel.
    public var bytesPerSample: Int { bitsPerSample / 8 }

    /// Whether the samples are integers (and are clipped and dithered when written).
    public var isInteger: Bool { self != .float32 }

    /// The full-scale code `2^(bits−1)`: integer codes are divided by it when read and samples
    /// multiplied by it when written (then clipped to `−scale…scale − 1`); 1 for float.
    var integerScale: Float {
        switch self {
        case .int16: 32_768
        case .int24: 8_388_608
        case .float32: 1
        }
    }
}
