import ArgumentParser
import Foundation
import NeuroAudio
import NeuroCore
import NeuroHardware
import NeuroProfiles

/// `neurorack-run play`: the desktop instrument. MIDI notes play impacts, controllers move the
/// morph and the CVs, through JACK (or PipeWire's JACK) or an ALSA device.
struct PlayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play impacts live: MIDI in, audio out through JACK/PipeWire or ALSA.",
        discussion: """
            With JACK, notes arriving on midi_in start the cached impact at their own frame in the \
            same period (velocity → loudness; another note regenerates with f0 transposed from the \
            root note 60 and sounds once the new impact's first chunk is ready); the sustain \
            pedal regenerates; the modulation wheel morphs towards --morph; CC 74/71/91 scale Tone, \
            Noise and Richness (CV3–CV5); CC 7 sets the volume; program changes pick profiles or \
            models (--programs) (docs/DESKTOP.md; --midi-map FILE changes the mapping, \
            --midi-learn learns it). Headless: --trigger-every and \
            --duration. A status line goes to standard error every second. Ctrl-C stops.
            """)

    /// The JACK options.
    struct JACKOptions: ParsableArguments {
        @Option(help: "The JACK client name.")
        var clientName = "neurorack"

        @Option(help: ArgumentHelp("The JACK server's name (default: $JACK_DEFAULT_SERVER, else default).", valueName: "name"))
        var server: String?

        @Option(parsing: .unconditional, help: "Audio outputs: 1 (out_1) or 2 (out_1, out_2 carry the same signal).")
        var channels = 1

        @Flag(help: "Do not connect the outputs to the system playback ports.")
        var noAutoConnect = false

        @Option(help: ArgumentHelp("Connect the outputs to these ports instead (repeatable; in turn).", valueName: "port"))
        var connect: [String] = []

        @Option(help: ArgumentHelp("Connect these MIDI ports to midi_in (repeatable; default: every MIDI source).", valueName: "port"))
        var midiConnect: [String] = []
    }

    /// `--model` and `--config`.
    @OptionGroup var model: ModelOptions

    @OptionGroup var generation: GenerationOptions

    /// The JACK options.
    @OptionGroup(title: "JACK") var jack: JACKOptions

    @Option(help: "Audio output: auto (JACK when a server answers, else ALSA), jack, alsa, null.")
    var backend: PlayBackendKind = .auto

    @Option(help: ArgumentHelp("ALSA device.", valueName: "name"))
    var device = "default"

    @Option(parsing: .unconditional, help: ArgumentHelp("ALSA and null rate in Hz (JACK uses the server's).", valueName: "hz"))
    var rate = 48_000

    @Option(parsing: .unconditional, help: ArgumentHelp("ALSA and null period in frames.", valueName: "frames"))
    var period = 256

    @Option(parsing: .unconditional, help: ArgumentHelp("ALSA periods in the device buffer.", valueName: "count"))
    var periods = 3

    @Flag(help: "List the JACK ports and ALSA devices, then exit.")
    var listDevices = false

    @Option(help: ArgumentHelp("The profile played (name or CSV/JSON file; a TorchScript model: latent profile JSON, or a descriptor profile it encodes).", valueName: "name|file"))
    var profile: String?

    @Option(help: ArgumentHelp("A second profile the modulation wheel (CV2) morphs towards.", valueName: "name|file"))
    var morph: String?

    /// `--latent-dims` and `--latent-depth` (TorchScript models).
    @OptionGroup(title: "TorchScript latents") var latents: TorchLatentOptions

    @Option(help: ArgumentHelp("A MIDI mapping JSON file (docs/DESKTOP.md).", valueName: "file.json"), completion: .file(extensions: ["json"]))
    var midiMap: String?

    @Option(help: ArgumentHelp(
        "What MIDI program changes choose, in program order: profiles, and models as model:NAME|FILE (default: every profile).",
        valueName: "list"))
    var programs: String?

    @Flag(help: "Learn the MIDI mapping: move a control, then press its target's key; saved to --midi-map FILE (JACK, in a terminal).")
    var midiLearn = false

    @Option(parsing: .unconditional, help: "Voices that can sound at once.")
    var voices = 4

    @Option(parsing: .unconditional, help: ArgumentHelp("Listen for OSC on this UDP port (off by default; docs/DESKTOP.md lists the addresses).", valueName: "port"))
    var oscPort: Int?

    @Option(help: ArgumentHelp("The address OSC listens on.", valueName: "ipv4"))
    var oscHost = "127.0.0.1"

    @Option(parsing: .unconditional, help: ArgumentHelp("Play the impact every SECONDS by itself (headless use).", valueName: "seconds"))
    var triggerEvery: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after SECONDS (default: until Ctrl-C).", valueName: "seconds"))
    var duration: Double?

    @Option(parsing: .unconditional, help: "The random seed of the impacts.")
    var seed: UInt64 = 1

    /// Set by `soak`: timed triggers also sweep the CVs and regenerate.
    @Flag(help: .private)
    var sweepControls = false

    func validate() throws {
        guard (1...2).contains(jack.channels) else { throw ValidationError("--channels must be 1 or 2, got \(jack.channels)") }
        guard Engine.outputSampleRates.contains(rate) else { throw ValidationError("--rate must be 1000…384000 Hz, got \(rate)") }
        guard (16...8_192).contains(period) else { throw ValidationError("--period must be 16…8192 frames, got \(period)") }
        guard (2...16).contains(periods) else { throw ValidationError("--periods must be 2…16, got \(periods)") }
        guard (1...32).contains(voices) else { throw ValidationError("--voices must be 1…32, got \(voices)") }
        if let triggerEvery, !(triggerEvery.isFinite && triggerEvery >= 0.01) {
            throw ValidationError("--trigger-every must be at least 0.01 seconds, got \(triggerEvery)")
        }
        if let duration, !(duration.isFinite && duration > 0) { throw ValidationError("--duration must be positive seconds, got \(duration)") }
        if let oscPort, !(1...65_535).contains(oscPort) { throw ValidationError("--osc-port must be 1…65535, got \(oscPort)") }
        if midiLearn, midiMap == nil { throw ValidationError("--midi-learn needs --midi-map FILE to save the mapping to (it may not exist yet)") }
    }

    func run() async throws {
        if listDevices {
            print(deviceListing(), terminator: "")
            return
        }
        if midiLearn, !TerminalKeyReader.isInteractive {
            throw NeuroError(.usage, "--midi-learn needs a terminal: keys choose the targets")
        }
        let mapping = try loadMapping()
        let start = try EngineModels.start(model: model.nameOrPath, config: model.config, profile: profile, morph: morph, latents: latents)
        let models = start.models
        let output = try openOutput()
        let engine = try start.engine(Engine.Configuration(
            voiceCount: voices, seed: seed, outputSampleRate: output.rate, generationThreads: generation.threads,
            setAsideImpactsPerThread: generation.setAside))
        engine.start()
        defer { engine.stop() }
        try engine.waitForCurrentImpact()
        let backend = try output.start(engine, mapping)
        report("playing \(engine.currentModelName), profile \(profile ?? ImpactProfile.defaultName)\(morph.map { " → \($0)" } ?? ""): \(backend.description)")
        if let loop = (backend as? LoopPlayBackend)?.loop {
            warnWithoutRealtimePriority(loop)
        }
        let osc = try oscPort.map { port throws(NeuroError) in try OSCServer(host: oscHost, port: port) }
        osc?.start { [report] command in Self.apply(command, to: engine, models: models, report: report) }
        defer { osc?.stop() }
        if let osc { report("OSC on udp://\(osc.host):\(osc.port)/neurorack/…") }
        let keys = TerminalKeyReader.isInteractive ? TerminalKeyReader() : nil
        keys?.start()
        defer { keys?.stop() }
        if keys != nil { report("keys: \(TerminalAction.help)") }
        let learning = try midiLearning(backend)
        if let learning { report(learning.introduction) }
        let session = PlaySession(engine: engine, models: models, backend: backend, programs: programList, keys: keys, learning: learning)
        let reason = session.run(
            triggerEvery: triggerEvery, duration: duration, sweepsControls: sweepControls,
            report: { [keys] line in Self.write(line, inPlace: false, terminal: keys != nil) },
            status: { [keys] line in Self.write(line, inPlace: keys != nil, terminal: keys != nil) })
        keys?.stop()
        try backend.stop()
        Self.write("stopped: \(reason); \(session.statusLine())", inPlace: false, terminal: keys != nil)
    }

    /// The `--midi-map` mapping; with `--midi-learn` a file that does not exist yet starts from the standard one.
    private func loadMapping() throws(NeuroError) -> MIDIMapping {
        guard let midiMap else { return .standard }
        if midiLearn, !FileManager.default.fileExists(atPath: midiMap) { return .standard }
        return try MIDIMapping(contentsOf: URL(fileURLWithPath: midiMap))
    }

    /// The MIDI learn session of `--midi-learn` on `backend`, which must be JACK's.
    private func midiLearning(_ backend: any PlayBackend) throws(NeuroError) -> MIDILearnSession? {
        guard midiLearn, let midiMap else { return nil }
        guard let instrument = (backend as? JACKPlayBackend)?.instrument else {
            throw NeuroError(.usage, "--midi-learn needs the JACK backend: MIDI comes in through JACK's midi_in")
        }
        return MIDILearnSession(mapping: instrument.mapping, watch: instrument.controlWatch, file: URL(fileURLWithPath: midiMap))
    }

    /// Opens the audio output `--backend` names; the engine is built at its rate, then started on it.
    private func openOutput() throws(NeuroError) -> PlayOutput {
        switch backend {
        case .jack:
            return .jack(try JACKClient(name: jack.clientName, server: jack.server), jack)
        case .auto:
            if let client = try? JACKClient(name: jack.clientName, server: jack.server) { return .jack(client, jack) }
            return .alsa(try ALSAPCMSink(device: device, rate: rate, channels: jack.channels, periodFrames: period, periods: periods))
        case .alsa:
            return .alsa(try ALSAPCMSink(device: device, rate: rate, channels: jack.channels, periodFrames: period, periods: periods))
        case .null:
            return .null(rate: rate, period: period, channels: jack.channels)
        }
    }

    private func warnWithoutRealtimePriority(_ loop: RenderLoop) {
        for _ in 0..<100 where loop.realtimePriorityGranted == nil { usleep(1_000) }
        if loop.realtimePriorityGranted == false {
            report("warning: no real-time priority for the audio thread (SCHED_FIFO needs CAP_SYS_NICE or an rtprio limit, e.g. the audio group); it runs at normal priority")
        }
    }

    /// Applies an OSC command; profile and model changes load off the audio thread, here, and
    /// a failure is reported without stopping the instrument.
    private static func apply(_ command: OSCCommand, to engine: Engine, models: EngineModels, report: (String) -> Void) {
        switch command {
        case .event(let event): engine.handle(event)
        case .profile(let name): PlaySession.chooseProfile(name, on: engine, models: models, report: report)
        case .model(let name): PlaySession.swapModel(name, on: engine, models: models, report: report)
        }
    }

    /// Writes `line` to standard error: on a terminal the status line is redrawn in place and
    /// other lines first clear it.
    private static func write(_ line: String, inPlace: Bool, terminal: Bool) {
        let clear = terminal ? "\r\u{1B}[2K" : ""
        FileHandle.standardError.write(Data((clear + line + (inPlace ? "" : "\n")).utf8))
    }

    private func report(_ line: String) {
        StandardError.write(line: line)
    }

    /// What program changes choose: `--programs`, else the measured library's profiles in order
    /// (the built-in ones without it).
    private var programList: [String] {
        if let programs { return programs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        return (try? ProfileLibrary.bundled().names) ?? BuiltinProfiles.names
    }

    /// The `--list-devices` text: JACK ports (when a server answers) and ALSA playback devices.
    func deviceListing() -> String {
        var lines: [String] = []
        do {
            let client = try JACKClient(name: "neurorack-list", server: jack.server)
            lines.append("JACK server: \(client.sampleRate) Hz, period \(client.bufferSize)")
            lines += client.playbackPorts.map { "  playback  \($0)" } + client.midiSources.map { "  midi      \($0)" }
        } catch {
            lines.append("JACK: \(error.message)")
        }
        do {
            lines.append("ALSA playback devices (--backend alsa --device NAME):")
            lines += try ALSAPCMSink.deviceList().map { "  \($0)" }
        } catch {
            lines.append("ALSA: \(error.message)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// An opened audio output of `play`, before the engine runs on it.
enum PlayOutput {
    case jack(JACKClient, PlayCommand.JACKOptions)
    case alsa(ALSAPCMSink)
    case null(rate: Int, period: Int, channels: Int)

    /// The rate the engine must run at.
    var rate: Int {
        switch self {
        case .jack(let client, _): client.sampleRate
        case .alsa(let sink): sink.sampleRate
        case .null(let rate, _, _): rate
        }
    }

    /// Starts `engine` on the output.
    func start(_ engine: Engine, _ mapping: MIDIMapping) throws(NeuroError) -> any PlayBackend {
        switch self {
        case .jack(let client, let options):
            return try JACKPlayBackend(client: client, engine: engine, mapping: mapping, options: options)
        case .alsa(let sink):
            return try LoopPlayBackend(
                engine: engine, sink: sink, periodFrames: sink.periodFrames, channels: sink.channelCount,
                description: "ALSA device \(sink.device): \(sink.sampleRate) Hz, \(sink.formatName), period \(sink.periodFrames), buffer \(sink.bufferFrames); no MIDI (use JACK for MIDI)")
        case .null(let rate, let period, let channels):
            return try LoopPlayBackend(
                engine: engine, sink: NullSink(pacing: .realTime(clock: MonotonicClock())), periodFrames: period,
                channels: channels, description: "null output paced at \(rate) Hz, period \(period) (no sound)")
        }
    }
}
