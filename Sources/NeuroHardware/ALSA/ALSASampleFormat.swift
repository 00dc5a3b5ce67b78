import NeuroAudio

/// The PCM sample formats the ALSA sink can feed a device, in order of preference; each is
/// stored like the WAV format of ``sampleFormat``, so the WAV writer's encoder writes both.
enum ALSASampleFormat: UInt32, CaseIterable, Sendable {
    /// `SND_PCM_FORMAT_FLOAT_LE`: the engine's samples as they are.
    case float32 = 14
    /// `SND_PCM_FORMAT_S24_3LE`: 24-bit integers in 3 bytes, as in a 24-bit WAV file.
    case int24 = 32
    /// `SND_PCM_FORMAT_S16_LE`: what every device takes (the module's PCM5102 among them).
    case int16 = 2

    /// The WAV sample format with the same bytes.
    var sampleFormat: WAVSampleFormat {
        switch self {
        case .float32: .float32
        case .int24: .int24
        case .int16: .int16
        }
    }

    /// The name ALSA uses.
    var name: String {
        switch self {
        case .float32: "FLOAT_LE"
        case .int24: "S24_3LE"
        case .int16: "S16_LE"
        }
    }
}
