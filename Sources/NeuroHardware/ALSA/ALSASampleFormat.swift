/// The PCM sample formats the ALSA sink can feed a device, in order of preference.
enum ALSASampleFormat: UInt32, CaseIterable, Sendable {
    /// `SND_PCM_FORMAT_FLOAT_LE`: the engine's samples as they are.
    case float32 = 14
    /// `SND_PCM_FORMAT_S32_LE`.
    case int32 = 10
    /// `SND_PCM_FORMAT_S16_LE`: what every device takes (the module's PCM5102 among them).
    case int16 = 2

    /// Bytes per sample.
    var bytesPerSample: Int { self == .int16 ? 2 : 4 }

    /// The name ALSA uses.
    var name: String {
        switch self {
        case .float32: "FLOAT_LE"
        case .int32: "S32_LE"
        case .int16: "S16_LE"
        }
    }

    /// Writes `samples` in this format into `bytes`, clipping integers to full scale.
    ///
    /// - Important: Real-time safe.
    func encode(_ samples: Span<Float>, into bytes: UnsafeMutableRawPointer) {
        for index in samples.indices {
            let sample = samples[index].isFinite ? min(max(samples[index], -1), 1) : 0
            switch self {
            case .float32:
                unsafe bytes.storeBytes(of: sample.bitPattern.littleEndian, toByteOffset: 4 * index, as: UInt32.self)
            case .int32:
                let code = Int32(clamping: Int64(Double(sample) * 2_147_483_647))
                unsafe bytes.storeBytes(of: code.littleEndian, toByteOffset: 4 * index, as: Int32.self)
            case .int16:
                let code = Int16(clamping: Int32(sample * 32_767))
                unsafe bytes.storeBytes(of: code.littleEndian, toByteOffset: 2 * index, as: Int16.self)
            }
        }
    }
}
