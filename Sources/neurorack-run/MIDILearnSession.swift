import Foundation
import NeuroCore
import NeuroHardware

/// MIDI learn in `play`: the control moved last is offered, a key chooses its target, and the
/// mapping changes at once and is written to the mapping file.
final class MIDILearnSession {
    private let mapping: LiveMIDIMapping
    private let watch: MIDIControlWatch
    private let file: URL
    private var seenSequence: Int
    /// The control waiting for a target, if any.
    private(set) var pending: LearnedControl?

    /// Learns into `mapping` from what `watch` sees; every choice rewrites `file`.
    init(mapping: LiveMIDIMapping, watch: MIDIControlWatch, file: URL) {
        self.mapping = mapping
        self.watch = watch
        self.file = file
        seenSequence = watch.latest?.sequence ?? 0
    }

    /// The line that starts learning.
    var introduction: String {
        "MIDI learn: move a controller or play a note, then press its target's key (\(LearnTarget.keyHelp) · x skip); saved to \(file.path)"
    }

    /// A prompt when a control other than the pending one moved since the last call, else `nil`.
    func poll() -> String? {
        guard let latest = watch.latest, latest.sequence != seenSequence else { return nil }
        seenSequence = latest.sequence
        guard latest.control != pending else { return nil }
        pending = latest.control
        return "MIDI learn: \(latest.control) — \(LearnTarget.keyHelp) · x skip"
    }

    /// Handles `key` while a control is pending; returns what happened, or `nil` when nothing
    /// is pending (the key then keeps its usual meaning).
    func choose(key: UInt8) -> String? {
        guard let control = pending else { return nil }
        let character = Character(Unicode.Scalar(key))
        if character == "x" || key == 27 {
            pending = nil
            return "MIDI learn: \(control) skipped"
        }
        guard let target = LearnTarget.of(key: character) else {
            return "MIDI learn: \(control) — press one of \(LearnTarget.keyHelp) · x skip"
        }
        do {
            let learned = try mapping.mapping.assigning(control, to: target)
            try learned.write(to: file)
            mapping.store(learned)
            pending = nil
            return "MIDI learn: \(control) → \(target.rawValue) (saved to \(file.path))"
        } catch {
            return "MIDI learn: \(error.message)"
        }
    }
}
