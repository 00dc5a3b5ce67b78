/// One channel MIDI message, parsed from the raw bytes a port delivers.
///
/// Running status is not needed: JACK and the ALSA sequencer deliver whole messages.
/// Parsing reads only the given bytes and never allocates (it runs in the audio callback).
public enum MIDIMessage: Sendable, Equatable {
    /// A key pressed: channel 1…16, note 0…127, velocity 1…127.
    case noteOn(channel: Int, note: Int, velocity: Int)
    /// A key released (also note-on with velocity 0).
    case noteOff(channel: Int, note: Int)
    /// A controller moved: channel, controller 0…127, value 0…127.
    case controlChange(channel: Int, controller: Int, value: Int)
    /// A program (patch) chosen: channel, program 0…127.
    case programChange(channel: Int, program: Int)

    /// Parses the message in `bytes`; `nil` for system messages, other channel messages, or
    /// malformed data (a missing or out-of-range data byte).
    @_noLocks @_noAllocation
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 2 else { return nil }
        let status = Int(unsafe bytes[0])
        let first = Int(unsafe bytes[1])
        guard status & 0x80 != 0, status < 0xF0, first < 0x80 else { return nil }
        let channel = status & 0x0F + 1
        let kind = status & 0xF0
        if kind == 0xC0 {
            self = .programChange(channel: channel, program: first)
            return
        }
        guard bytes.count >= 3 else { return nil }
        let second = Int(unsafe bytes[2])
        guard second < 0x80 else { return nil }
        switch kind {
        case 0x90 where second > 0: self = .noteOn(channel: channel, note: first, velocity: second)
        case 0x90, 0x80: self = .noteOff(channel: channel, note: first)
        case 0xB0: self = .controlChange(channel: channel, controller: first, value: second)
        default: return nil
        }
    }

    /// The message's channel (1…16).
    public var channel: Int {
        @_noLocks @_noAllocation get {
        switch self {
        case .noteOn(let channel, _, _), .noteOff(let channel, _), .controlChange(let channel, _, _),
             .programChange(let channel, _):
            channel
        }
        }
    }
}
