import NeuroCore
import Synchronization

/// The newest note or controller seen on a MIDI input, for MIDI learn: written by the audio
/// callback, read by the control thread.
///
/// One atomic word, `sequence << 16 | kind << 8 | number`, so a reader sees a whole message and
/// can tell a new one from the same control moved again.
public final class MIDIControlWatch: @unchecked Sendable {
    private let word = Atomic<Int>(0)

    /// Nothing seen yet.
    public init() {}

    /// Records `message` when it is a note-on or a controller change.
    ///
    /// - Important: Real-time safe.
    @_noLocks @_noAllocation
    public func record(_ message: MIDIMessage) {
        let code: Int
        switch message {
        case .noteOn(_, let note, _): code = 1 << 8 | note
        case .controlChange(_, let controller, _): code = 2 << 8 | controller
        case .noteOff, .programChange: return
        }
        let sequence = (word.load(ordering: .relaxed) >> 16) &+ 1
        word.store(sequence << 16 | code, ordering: .releasing)
    }

    /// The newest control and its sequence number (which grows with every message recorded),
    /// or `nil` before the first.
    public var latest: (control: LearnedControl, sequence: Int)? {
        let value = word.load(ordering: .acquiring)
        let number = value & 0xFF
        switch (value >> 8) & 0xFF {
        case 1: return (.note(number), value >> 16)
        case 2: return (.controller(number), value >> 16)
        default: return nil
        }
    }
}
