import Foundation
import NeuroCore
import Synchronization

/// Measures note-on → sound on a running JACK server: one client sends MIDI notes at known
/// frames to the instrument's `midi_in`, another records its `out_1`, and each note's latency is
/// the recorded onset frame minus the note's frame, both on the server's frame clock.
///
/// Use it with an instrument playing ``ClickImpactModel`` impacts, whose first sample is their
/// first sound. A latency of 0 means the impact started in the very cycle, at the very frame,
/// the note arrived (JACK's own output latency comes on top, at the speakers).
public final class JACKLatencyProbe: @unchecked Sendable {
    private let sender: JACKClient
    private let recorder: JACKClient
    private let midiOutput: OpaquePointer
    private let audioInput: OpaquePointer
    private let state: UnsafeMutablePointer<ProbeState>

    /// Opens the two probe clients on `server` (`nil`: JACK's default).
    ///
    /// - Throws: `.unavailable` when no server answers or a port is refused.
    public init(server: String? = nil) throws(NeuroError) {
        sender = try JACKClient(name: "neurorack-probe-send", server: server)
        recorder = try JACKClient(name: "neurorack-probe-record", server: server)
        midiOutput = try sender.registerPort("midi_out", type: JACKLibrary.midiType, flags: JACKLibrary.portIsOutput)
        audioInput = try recorder.registerPort("in", type: JACKLibrary.audioType, flags: JACKLibrary.portIsInput)
        state = UnsafeMutablePointer<ProbeState>.allocate(capacity: 1)
        unsafe state.initialize(to: ProbeState(
            library: sender.library, sender: sender.handle, recorder: recorder.handle, midiOutput: midiOutput, audioInput: audioInput))
        _ = unsafe sender.library.setProcessCallback(sender.handle, probeSend, UnsafeMutableRawPointer(state))
        _ = unsafe recorder.library.setProcessCallback(recorder.handle, probeRecord, UnsafeMutableRawPointer(state))
    }

    deinit {
        _ = sender.library.deactivate(sender.handle)
        _ = recorder.library.deactivate(recorder.handle)
        unsafe state.deinitialize(count: 1)
        unsafe state.deallocate()
    }

    /// Sends `count` notes `spacing` frames apart at varying offsets inside their cycles, and
    /// returns each note's latency in frames (`nil` for a note whose sound never came).
    ///
    /// - Parameters:
    ///   - instrument: the instrument measured; its `midi_in` and `out_1` are connected to the probe.
    ///   - count: the number of notes (1…1024).
    ///   - notes: the MIDI notes, sent in turn (the root note plays the impact as generated; a
    ///     note at another pitch than the one before makes the engine regenerate).
    ///   - spacing: frames between notes, longer than an impact.
    /// - Throws: `.unavailable` when the probe cannot activate or connect.
    public func measure(_ instrument: JACKInstrument, count: Int, notes: [Int] = [60], spacing: Int = 24_000) throws(NeuroError) -> [Int?] {
        guard sender.library.activate(sender.handle) == 0, recorder.library.activate(recorder.handle) == 0 else {
            throw NeuroError(.unavailable, "the JACK server refused to activate the latency probe")
        }
        try sender.connect(sender.fullName(of: midiOutput), to: instrument.midiInputName)
        try recorder.connect(instrument.outputPortNames[0], to: recorder.fullName(of: audioInput))
        let latencies = unsafe state.pointee.run(count: count, notes: notes.isEmpty ? [60] : notes, spacing: spacing)
        _ = sender.library.deactivate(sender.handle)
        _ = recorder.library.deactivate(recorder.handle)
        return latencies
    }
}

/// The probe's shared state: note frames written by the sender's callback, onset frames by the recorder's.
struct ProbeState: ~Copyable {
    let library: JACKLibrary
    let sender: OpaquePointer
    let recorder: OpaquePointer
    let midiOutput: OpaquePointer
    let audioInput: OpaquePointer
    /// Words: 0 notes wanted, 1 notes sent, 2 onsets heard, 3 spacing, 4 next note frame.
    let words: UnsafeMutablePointer<Atomic<Int>>
    /// Frame of note `i` at `noteFrames[i]`, onset frame at `onsetFrames[i]`.
    let noteFrames: UnsafeMutablePointer<Atomic<Int>>
    let onsetFrames: UnsafeMutablePointer<Atomic<Int>>
    /// The note-on messages of a run, 3 bytes for each note in turn.
    let message: UnsafeMutablePointer<UInt8>
    static let capacity = 1_024

    init(library: JACKLibrary, sender: OpaquePointer, recorder: OpaquePointer, midiOutput: OpaquePointer, audioInput: OpaquePointer) {
        self.library = library
        self.sender = sender
        self.recorder = recorder
        message = UnsafeMutablePointer<UInt8>.allocate(capacity: 3 * Self.capacity)
        unsafe message.initialize(repeating: 0, count: 3 * Self.capacity)
        self.midiOutput = midiOutput
        self.audioInput = audioInput
        words = AtomicWords.allocate(5, value: 0)
        noteFrames = AtomicWords.allocate(Self.capacity, value: -1)
        onsetFrames = AtomicWords.allocate(Self.capacity, value: -1)
    }

    deinit {
        AtomicWords.free(words, count: 5)
        AtomicWords.free(noteFrames, count: Self.capacity)
        AtomicWords.free(onsetFrames, count: Self.capacity)
        unsafe message.deallocate()
    }

    /// Runs a measurement and waits (polling) until every note was heard or a timeout passed.
    func run(count: Int, notes: [Int], spacing: Int) -> [Int?] {
        let count = min(max(count, 1), Self.capacity)
        for index in 0..<count {
            unsafe message[3 * index] = 0x90
            unsafe message[3 * index + 1] = UInt8(min(max(notes[index % notes.count], 0), 127))
            unsafe message[3 * index + 2] = 127
        }
        unsafe words[3].store(spacing, ordering: .relaxed)
        unsafe words[4].store(-1, ordering: .relaxed)
        unsafe words[1].store(0, ordering: .relaxed)
        unsafe words[2].store(0, ordering: .relaxed)
        unsafe words[0].store(count, ordering: .releasing)
        // Wait up to the notes' duration at 8 kHz (the slowest rate) plus 2 s.
        let rounds = (count * spacing / 8_000 + 2) * 100
        for _ in 0..<rounds {
            guard unsafe words[2].load(ordering: .acquiring) < count else { break }
            usleep(10_000)
        }
        unsafe words[0].store(0, ordering: .releasing)
        return (0..<count).map { index in
            let sent = unsafe noteFrames[index].load(ordering: .acquiring)
            let heard = unsafe onsetFrames[index].load(ordering: .acquiring)
            return sent >= 0 && heard >= 0 ? heard - sent : nil
        }
    }

    /// The sender's cycle: writes the next note when its frame falls into this cycle.
    func send(frames: Int) {
        guard let buffer = unsafe library.portBuffer(midiOutput, UInt32(frames)) else { return }
        unsafe library.midiClearBuffer(buffer)
        let wanted = unsafe words[0].load(ordering: .acquiring)
        let sent = unsafe words[1].load(ordering: .relaxed)
        guard sent < wanted else { return }
        let cycleStart = Int(library.lastFrameTime(sender))
        var next = unsafe words[4].load(ordering: .relaxed)
        if next < 0 {
            // First note: the next cycle, at an offset that moves from note to note.
            next = cycleStart + frames + 17
            unsafe words[4].store(next, ordering: .relaxed)
        }
        if next < cycleStart {
            // The server skipped the cycle the note was due in (an xrun): send it in this one.
            next = cycleStart + (next - cycleStart) % frames + frames
            next = next >= cycleStart + frames ? next - frames : next
        }
        guard next < cycleStart + frames else { return }
        _ = unsafe library.midiEventWrite(buffer, UInt32(next - cycleStart), message + 3 * sent, 3)
        unsafe noteFrames[sent].store(next, ordering: .releasing)
        unsafe words[1].store(sent + 1, ordering: .releasing)
        // The next note: `spacing` later, shifted by a prime so offsets sweep the cycle.
        let spacing = unsafe words[3].load(ordering: .relaxed)
        unsafe words[4].store(next + spacing + 37, ordering: .relaxed)
    }

    /// The recorder's cycle: notes the frame of the first sound after each note.
    func record(frames: Int) {
        let heard = unsafe words[2].load(ordering: .relaxed)
        let sent = unsafe words[1].load(ordering: .acquiring)
        guard heard < sent,
              let buffer = unsafe library.portBuffer(audioInput, UInt32(frames)) else { return }
        let samples = unsafe buffer.assumingMemoryBound(to: Float.self)
        let cycleStart = Int(library.lastFrameTime(recorder))
        let sentFrame = unsafe noteFrames[heard].load(ordering: .acquiring)
        for index in 0..<frames where unsafe cycleStart + index >= sentFrame && samples[index] != 0 {
            unsafe onsetFrames[heard].store(cycleStart + index, ordering: .releasing)
            unsafe words[2].store(heard + 1, ordering: .releasing)
            return
        }
    }
}

private let probeSend: JACKLibrary.FramesCallback = { frames, argument in
    unsafe argument?.assumingMemoryBound(to: ProbeState.self).pointee.send(frames: Int(frames))
    return 0
}

private let probeRecord: JACKLibrary.FramesCallback = { frames, argument in
    unsafe argument?.assumingMemoryBound(to: ProbeState.self).pointee.record(frames: Int(frames))
    return 0
}
