#if canImport(Glibc)
import Glibc
#endif
import NeuroAudio
import NeuroCore
import Synchronization

/// An `AudioSink` that plays through an ALSA PCM device (`default`, `hw:0`, `plughw:1,0`, the
/// module's I2S DAC, `null`, a `file` PCM), loaded with `dlopen`.
///
/// ``init(device:rate:channels:periodFrames:periods:)`` opens the device and negotiates: the
/// nearest rate it takes, the first sample format it accepts (float, then packed 24-bit, then
/// 16-bit integers with TPDF dither, encoded by the WAV writer's encoder), the period and buffer size. The engine then runs at ``sampleRate``. ``write(_:)``
/// blocks until the device takes the period (the device is the clock of the render loop); an
/// underrun is recovered with `snd_pcm_recover` and counted in ``xrunCount``.
public final class ALSAPCMSink: AudioSink, @unchecked Sendable {
    /// The device name.
    public let device: String
    /// The rate the device runs at.
    public let sampleRate: Int
    /// Channels per frame.
    public let channelCount: Int
    /// The period the device uses, in frames.
    public let periodFrames: Int
    /// The device buffer, in frames.
    public let bufferFrames: Int
    /// The sample format negotiated (its ALSA name).
    public var formatName: String { format.name }
    private let library: ALSALibrary
    private let handle: OpaquePointer
    private let format: ALSASampleFormat
    private var encoder: WAVSampleEncoder
    private var bytes: UnsafeMutableRawPointer?
    private var capacityFrames = 0
    private let xruns = Atomic<Int>(0)
    private let failure = Atomic<Int32>(0)
    private var isOpen = true

    /// Opens `device` for playback and negotiates its parameters.
    ///
    /// - Throws: `.unavailable` when libasound is missing, `.missingInput` naming the device
    ///   when it does not exist (see `--list-devices`), `.invalidData` when it accepts none of
    ///   the formats or the channel count.
    public init(device: String, rate: Int, channels: Int, periodFrames: Int, periods: Int) throws(NeuroError) {
        let library = try ALSALibrary()
        self.library = library
        var pcm: OpaquePointer?
        let opened = device.withCString { unsafe library.open(&pcm, $0, ALSALibrary.playback, 0) }
        guard opened == 0, let pcm else {
            throw NeuroError(.missingInput, "ALSA device '\(device)': \(library.message(opened)) (neurorack-run play --list-devices shows the devices)")
        }
        var params: OpaquePointer?
        _ = library.paramsMalloc(&params)
        defer { library.paramsFree(params) }
        _ = library.paramsAny(pcm, params)
        _ = library.setAccess(pcm, params, ALSALibrary.interleaved)
        guard let format = ALSASampleFormat.allCases.first(where: { library.setFormat(pcm, params, $0.rawValue) == 0 }) else {
            _ = library.close(pcm)
            throw NeuroError(.invalidData, "ALSA device '\(device)' takes none of FLOAT_LE, S24_3LE, S16_LE")
        }
        guard library.setChannels(pcm, params, UInt32(channels)) == 0 else {
            _ = library.close(pcm)
            throw NeuroError(.invalidData, "ALSA device '\(device)' does not take \(channels) channel(s)")
        }
        var actualRate = UInt32(rate)
        var actualPeriods = UInt32(periods)
        var actualPeriod = UInt(periodFrames)
        _ = library.setRateNear(pcm, params, &actualRate, nil)
        _ = library.setPeriodSizeNear(pcm, params, &actualPeriod, nil)
        _ = library.setPeriodsNear(pcm, params, &actualPeriods, nil)
        let applied = library.paramsApply(pcm, params)
        guard applied == 0 else {
            _ = library.close(pcm)
            throw NeuroError(.invalidData, "ALSA device '\(device)' refused \(rate) Hz, period \(periodFrames) × \(periods): \(library.message(applied))")
        }
        var buffer: UInt = 0
        _ = library.getPeriodSize(params, &actualPeriod, nil)
        _ = library.getBufferSize(params, &buffer)
        self.device = device
        handle = pcm
        self.format = format
        encoder = WAVSampleEncoder(sampleFormat: format.sampleFormat, isDithered: true)
        sampleRate = Int(actualRate)
        channelCount = channels
        self.periodFrames = Int(actualPeriod)
        bufferFrames = Int(buffer)
    }

    deinit {
        closeDevice()
        unsafe bytes?.deallocate()
    }

    /// Xruns (underruns) recovered so far.
    public var xrunCount: Int { xruns.load(ordering: .relaxed) }

    /// Allocates the conversion buffer for periods of up to `maxFrameCount` frames.
    ///
    /// - Throws: `.invalidData` when `format` is not what the device was opened with.
    public func prepare(format audioFormat: AudioFormat, maxFrameCount: Int) throws(NeuroError) {
        guard audioFormat.sampleRate == sampleRate, audioFormat.channelCount == channelCount else {
            throw NeuroError(
                .invalidData,
                "ALSA device '\(device)' runs at \(sampleRate) Hz × \(channelCount), the render loop gives \(audioFormat.sampleRate) Hz × \(audioFormat.channelCount)")
        }
        unsafe bytes?.deallocate()
        capacityFrames = max(maxFrameCount, 1)
        bytes = UnsafeMutableRawPointer.allocate(byteCount: capacityFrames * channelCount * format.sampleFormat.bytesPerSample, alignment: 8)
    }

    /// Converts and writes one period, blocking until the device takes it; recovers from xruns.
    ///
    /// - Important: Audio thread: allocates nothing.
    public func write(_ samples: Span<Float>) -> Bool {
        guard let bytes = unsafe bytes, failure.load(ordering: .relaxed) == 0 else { return false }
        let frames = min(samples.count / channelCount, capacityFrames)
        let byteCount = frames * channelCount * format.sampleFormat.bytesPerSample
        _ = unsafe encoder.encode(samples.extracting(0..<frames * channelCount), into: UnsafeMutableRawBufferPointer(start: bytes, count: byteCount))
        var written = 0
        while written < frames {
            let result = unsafe library.writei(handle, bytes + written * channelCount * format.sampleFormat.bytesPerSample, UInt(frames - written))
            if result >= 0 {
                written += result
                continue
            }
            xruns.add(1, ordering: .relaxed)
            let recovered = library.recover(handle, Int32(truncatingIfNeeded: result), 1)
            if recovered < 0 {
                failure.store(recovered, ordering: .relaxed)
                return false
            }
        }
        return true
    }

    /// Drains the device and closes it.
    ///
    /// - Throws: `.unavailable` naming the device and ALSA's reason when a write failed for good.
    public func finish() throws(NeuroError) {
        let code = failure.load(ordering: .relaxed)
        if code == 0 && isOpen { _ = library.drain(handle) }
        closeDevice()
        guard code == 0 else {
            throw NeuroError(.unavailable, "ALSA device '\(device)' failed: \(library.message(code))")
        }
    }

    private func closeDevice() {
        guard isOpen else { return }
        isOpen = false
        _ = library.close(handle)
    }

    /// The playback devices ALSA knows (`snd_device_name_hint`), as `name — description` lines.
    ///
    /// - Throws: `.unavailable` when libasound is missing.
    public static func deviceList() throws(NeuroError) -> [String] {
        let library = try ALSALibrary()
        var hints: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        guard unsafe library.nameHint(-1, "pcm", &hints) == 0, let hints else { return [] }
        defer { _ = unsafe library.freeHint(hints) }
        var lines: [String] = []
        var index = 0
        while let hint = unsafe hints[index] {
            index += 1
            func value(_ key: String) -> String? {
                guard let text = unsafe library.getHint(hint, key) else { return nil }
                defer { unsafe free(text) }
                return unsafe String(cString: text)
            }
            guard let name = value("NAME"), value("IOID") != "Input" else { continue }
            let description = value("DESC")?.split(whereSeparator: \.isNewline).joined(separator: ", ") ?? ""
            lines.append(description.isEmpty ? name : "\(name) — \(description)")
        }
        return lines
    }
}
