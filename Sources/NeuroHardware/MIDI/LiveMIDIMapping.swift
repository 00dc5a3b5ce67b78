import NeuroCore
import Synchronization

/// A ``MIDIMapping`` the control thread can replace while the audio callback reads it (MIDI learn).
///
/// Each field is one atomic word (−1 for a control that is off), so a reader never sees a torn
/// field; a reader racing a replacement may see some fields of the old mapping for one message.
public final class LiveMIDIMapping: @unchecked Sendable {
    private static let fieldCount = 11
    private let words: UnsafeMutablePointer<Atomic<Int>>

    /// Starts with `mapping`.
    public init(_ mapping: MIDIMapping) {
        words = AtomicWords.allocate(Self.fieldCount, value: -1)
        store(mapping)
    }

    deinit { AtomicWords.free(words, count: Self.fieldCount) }

    /// Replaces the mapping; the next MIDI message is mapped by it.
    public func store(_ mapping: MIDIMapping) {
        let fields = [
            mapping.channel, mapping.rootNote, mapping.transposes ? 1 : 0, mapping.pitchMode == .f0 ? 1 : 0,
            mapping.regenerateNote, mapping.regenerateController, mapping.morphController, mapping.toneController,
            mapping.noiseController, mapping.richnessController, mapping.volumeController,
        ]
        for (index, value) in fields.enumerated() {
            unsafe words[index].store(value ?? -1, ordering: .releasing)
        }
    }

    /// The mapping now.
    ///
    /// - Important: Real-time safe.
    public var mapping: MIDIMapping {
        @_noLocks @_noAllocation get {
            MIDIMapping(
                channel: field(0), rootNote: field(1) ?? 60, transposes: field(2) == 1, pitchMode: field(3) == 1 ? .f0 : .rate,
                regenerateNote: field(4), regenerateController: field(5), morphController: field(6), toneController: field(7),
                noiseController: field(8), richnessController: field(9), volumeController: field(10))
        }
    }

    @_noLocks @_noAllocation
    private func field(_ index: Int) -> Int? {
        let value = unsafe words[index].load(ordering: .acquiring)
        return value < 0 ? nil : value
    }
}
