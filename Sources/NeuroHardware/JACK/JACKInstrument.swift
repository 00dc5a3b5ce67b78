import NeuroAudio
import NeuroCore
import Synchronization

/// The engine as a JACK client: audio outputs `out_1` (and `out_2`), a MIDI input `midi_in`;
/// the process callback turns MIDI into engine events at their frames and renders the engine
/// into the output buffers, in the same cycle.
///
/// A note that arrives at frame `k` of a cycle starts the cached impact at frame `k` of that
/// cycle's output: the only latency is JACK's own output latency (``outputLatency``). The engine
/// must run at the server's rate (``JACKClient/sampleRate``); impacts of a model at another rate
/// are converted on the generation thread. Program changes are handed to the control thread
/// through a lock-free queue (``nextProgramChange()``).
public final class JACKInstrument: @unchecked Sendable {
    /// What the instrument has seen since it started.
    public struct Status: Sendable, Equatable {
        /// Process callbacks run.
        public var cycles: Int
        /// Xruns the server reported.
        public var xruns: Int
        /// MIDI messages turned into events.
        public var midiEvents: Int
        /// MIDI messages dropped: malformed, or program changes beyond the queue.
        public var droppedMIDI: Int
        /// The current buffer size in frames.
        public var bufferSize: Int
        /// Why the instrument must stop (server shut down, sample rate changed), if it must.
        public var stopReason: String?
    }

    /// The client.
    public let client: JACKClient
    /// The engine it plays.
    public let engine: Engine
    /// The loop that renders and counts the periods.
    public let loop: RenderLoop
    /// The MIDI mapping the callback uses; replace it with ``LiveMIDIMapping/store(_:)`` (MIDI learn).
    public let mapping: LiveMIDIMapping
    /// The newest note or controller on `midi_in` (MIDI learn).
    public let controlWatch = MIDIControlWatch()
    private let outputs: [OpaquePointer]
    private let midiInput: OpaquePointer
    private let state: UnsafeMutablePointer<ProcessState>

    /// Registers the ports and installs the callbacks; nothing runs before ``activate(connectOutputsTo:midiFrom:)``.
    ///
    /// - Throws: `.invalidData` when the engine's rate is not the server's, `.unavailable` when a port is refused.
    public init(client: JACKClient, engine: Engine, mapping: MIDIMapping, channelCount: Int) throws(NeuroError) {
        guard engine.sampleRate == client.sampleRate else {
            throw NeuroError(.invalidData, "engine runs at \(engine.sampleRate) Hz, the JACK server at \(client.sampleRate) Hz")
        }
        guard (1...2).contains(channelCount) else {
            throw NeuroError(.usage, "--channels must be 1 or 2, got \(channelCount)")
        }
        self.client = client
        self.engine = engine
        self.mapping = LiveMIDIMapping(mapping)
        loop = try RenderLoop(engine: engine, sink: nil, periodFrames: max(client.bufferSize, 1))
        var outputs: [OpaquePointer] = []
        for index in 1...channelCount {
            outputs.append(try client.registerPort("out_\(index)", type: JACKLibrary.audioType, flags: JACKLibrary.portIsOutput))
        }
        self.outputs = outputs
        midiInput = try client.registerPort("midi_in", type: JACKLibrary.midiType, flags: JACKLibrary.portIsInput)
        state = UnsafeMutablePointer<ProcessState>.allocate(capacity: 1)
        unsafe state.initialize(to: ProcessState(
            library: client.library, loop: loop, engine: engine, mapping: self.mapping, controlWatch: controlWatch,
            midiInput: midiInput,
            firstOutput: outputs[0], secondOutput: outputs.count > 1 ? outputs[1] : nil, rate: client.sampleRate,
            bufferSize: client.bufferSize))
        let argument = UnsafeMutableRawPointer(state)
        _ = unsafe client.library.setProcessCallback(client.handle, jackProcess, argument)
        _ = unsafe client.library.setXrunCallback(client.handle, jackXrun, argument)
        _ = unsafe client.library.setBufferSizeCallback(client.handle, jackBufferSize, argument)
        _ = unsafe client.library.setSampleRateCallback(client.handle, jackSampleRate, argument)
        unsafe client.library.onShutdown(client.handle, jackShutdown, argument)
    }

    deinit {
        _ = client.library.deactivate(client.handle)
        unsafe state.deinitialize(count: 1)
        unsafe state.deallocate()
    }

    /// The full names of the output ports (`neurorack:out_1`…).
    public var outputPortNames: [String] { outputs.map(client.fullName(of:)) }

    /// The full name of the MIDI input port.
    public var midiInputName: String { client.fullName(of: midiInput) }

    /// Starts the callbacks and makes the connections.
    ///
    /// - Parameters:
    ///   - destinations: ports the outputs connect to, one per output in turn (`[]`: none).
    ///   - sources: MIDI ports connected to `midi_in`.
    /// - Throws: `.unavailable` when the server refuses to activate, `.missingInput` for a port that does not exist.
    public func activate(connectOutputsTo destinations: [String], midiFrom sources: [String]) throws(NeuroError) {
        guard client.library.activate(client.handle) == 0 else {
            throw NeuroError(.unavailable, "the JACK server refused to activate client \(client.name)")
        }
        for (index, destination) in destinations.enumerated() {
            try client.connect(outputPortNames[index % outputs.count], to: destination)
        }
        for source in sources {
            try client.connect(source, to: midiInputName)
        }
    }

    /// JACK's playback latency of the first output, in frames, after the connections: the time
    /// from a note's frame to its sound at the speakers (the engine adds none).
    public var outputLatency: ClosedRange<Int> { client.playbackLatency(of: outputs[0]) }

    /// What has happened so far.
    public var status: Status {
        let counters = unsafe state.pointee.counters
        let reason: String? = switch unsafe counters[ProcessState.stopCode].load(ordering: .acquiring) {
        case ProcessState.serverShutDown: "the JACK server shut down"
        case ProcessState.rateChanged: "the JACK server changed its sample rate; restart play"
        default: nil
        }
        return Status(
            cycles: unsafe counters[ProcessState.cycles].load(ordering: .relaxed),
            xruns: unsafe counters[ProcessState.xruns].load(ordering: .relaxed),
            midiEvents: unsafe counters[ProcessState.midiEvents].load(ordering: .relaxed),
            droppedMIDI: unsafe counters[ProcessState.droppedMIDI].load(ordering: .relaxed),
            bufferSize: unsafe counters[ProcessState.bufferSize].load(ordering: .relaxed),
            stopReason: reason)
    }

    /// The oldest program change the callback received, for the control thread to apply.
    public func nextProgramChange() -> Int? {
        unsafe state.pointee.programs.pop().map { Int($0) }
    }

    /// Stops the callbacks (the ports stay registered until the client closes).
    public func deactivate() {
        _ = client.library.deactivate(client.handle)
    }
}

/// What the process callback reads and writes: trivial values and unowned references only, so
/// the callback never retains or allocates.
struct ProcessState: ~Copyable {
    static let cycles = 0, xruns = 1, midiEvents = 2, droppedMIDI = 3, bufferSize = 4, stopCode = 5, counterCount = 6
    static let serverShutDown = 1, rateChanged = 2

    let library: JACKLibrary
    unowned(unsafe) let loop: RenderLoop
    unowned(unsafe) let engine: Engine
    unowned(unsafe) let mapping: LiveMIDIMapping
    unowned(unsafe) let controlWatch: MIDIControlWatch
    let midiInput: OpaquePointer
    let firstOutput: OpaquePointer
    let secondOutput: OpaquePointer?
    let rate: Int
    /// Cycle, xrun, MIDI and buffer-size counters and the stop code.
    let counters: UnsafeMutablePointer<Atomic<Int>>
    /// The last value of every MIDI controller (for press detection).
    let controllerValues: UnsafeMutablePointer<UInt8>
    /// One `jack_midi_event_t` (time, size, buffer: 24 bytes on LP64).
    let midiEvent: UnsafeMutableRawPointer
    /// Program changes for the control thread.
    var programs: WordQueue
    /// Marks the callback's thread for ``AudioThreadAllocations`` (when the counter is preloaded).
    let markAllocationCounting = AudioThreadAllocations.markerFunction

    init(
        library: JACKLibrary, loop: RenderLoop, engine: Engine, mapping: LiveMIDIMapping, controlWatch: MIDIControlWatch,
        midiInput: OpaquePointer,
        firstOutput: OpaquePointer, secondOutput: OpaquePointer?, rate: Int, bufferSize: Int
    ) {
        self.library = library
        self.loop = loop
        self.engine = engine
        self.mapping = mapping
        self.controlWatch = controlWatch
        self.midiInput = midiInput
        self.firstOutput = firstOutput
        self.secondOutput = secondOutput
        self.rate = rate
        counters = AtomicWords.allocate(Self.counterCount, value: 0)
        unsafe counters[Self.bufferSize].store(bufferSize, ordering: .relaxed)
        controllerValues = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        unsafe controllerValues.initialize(repeating: 0, count: 128)
        midiEvent = UnsafeMutableRawPointer.allocate(byteCount: 32, alignment: 8)
        programs = WordQueue(minimumCapacity: 64)
    }

    deinit {
        AtomicWords.free(counters, count: Self.counterCount)
        unsafe controllerValues.deallocate()
        unsafe midiEvent.deallocate()
    }

    /// One process cycle of `frames` frames.
    mutating func process(frames: Int) {
        markAllocationCounting?()
        unsafe counters[Self.cycles].add(1, ordering: .relaxed)
        readMIDI(frames: frames)
        guard let buffer = unsafe library.portBuffer(firstOutput, UInt32(frames)) else { return }
        let samples = unsafe buffer.bindMemory(to: Float.self, capacity: frames)
        var output = unsafe UnsafeMutableBufferPointer(start: samples, count: frames).mutableSpan
        loop.render(into: &output)
        if let secondOutput, let copy = unsafe library.portBuffer(secondOutput, UInt32(frames)) {
            unsafe copy.copyMemory(from: UnsafeRawPointer(samples), byteCount: frames * MemoryLayout<Float>.size)
        }
    }

    private mutating func readMIDI(frames: Int) {
        guard let buffer = unsafe library.portBuffer(midiInput, UInt32(frames)) else { return }
        let count = unsafe library.midiEventCount(buffer)
        let mapping = self.mapping.mapping
        for index in 0..<count {
            guard unsafe library.midiEventGet(midiEvent, buffer, index) == 0 else { continue }
            let time = Int(unsafe midiEvent.load(fromByteOffset: 0, as: UInt32.self))
            let size = unsafe midiEvent.load(fromByteOffset: 8, as: Int.self)
            guard let data = unsafe midiEvent.load(fromByteOffset: 16, as: UnsafeRawPointer?.self),
                  let message = unsafe MIDIMessage(bytes: UnsafeRawBufferPointer(start: data, count: size)) else {
                unsafe counters[Self.droppedMIDI].add(1, ordering: .relaxed)
                continue
            }
            controlWatch.record(message)
            switch unsafe mapping.action(for: message, offset: time, previousValues: controllerValues) {
            case .event(let event):
                engine.handle(event)
                unsafe counters[Self.midiEvents].add(1, ordering: .relaxed)
            case .program(let program):
                let queued = programs.push(UInt64(program))
                unsafe counters[queued ? Self.midiEvents : Self.droppedMIDI].add(1, ordering: .relaxed)
            case .none:
                break
            }
        }
    }
}

private func processState(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ProcessState>? {
    unsafe argument?.assumingMemoryBound(to: ProcessState.self)
}

private let jackProcess: JACKLibrary.FramesCallback = { frames, argument in
    unsafe processState(argument)?.pointee.process(frames: Int(frames))
    return 0
}

private let jackXrun: JACKLibrary.PlainCallback = { argument in
    unsafe processState(argument)?.pointee.counters[ProcessState.xruns].add(1, ordering: .relaxed)
    return 0
}

private let jackBufferSize: JACKLibrary.FramesCallback = { frames, argument in
    unsafe processState(argument)?.pointee.counters[ProcessState.bufferSize].store(Int(frames), ordering: .relaxed)
    return 0
}

private let jackSampleRate: JACKLibrary.FramesCallback = { rate, argument in
    guard let state = unsafe processState(argument) else { return 0 }
    let expected = unsafe state.pointee.rate
    guard Int(rate) != expected else { return 0 }
    unsafe state.pointee.counters[ProcessState.stopCode].store(ProcessState.rateChanged, ordering: .releasing)
    return 0
}

private let jackShutdown: JACKLibrary.ShutdownCallback = { argument in
    unsafe processState(argument)?.pointee.counters[ProcessState.stopCode].store(ProcessState.serverShutDown, ordering: .releasing)
}
