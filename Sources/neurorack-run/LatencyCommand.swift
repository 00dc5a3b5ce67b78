import ArgumentParser
import Foundation
import NeuroCore
import NeuroHardware

/// `neurorack-run latency`: measures note-on → sound on a running JACK server.
///
/// Plays click impacts (one full-scale sample, then silence) through the same instrument `play`
/// uses, sends it notes at known frames from one probe client and records its output with
/// another, and prints each note's latency in frames and the minimum, median and maximum.
struct LatencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Measure MIDI note-on → first sample on a running JACK server.",
        discussion: """
            0 frames means the impact starts at the note's own frame in the same period: the \
            engine adds nothing to JACK's own output latency (also printed). The clicks are \
            generated at --model-rate and converted to the server's rate, as every model's impacts are. \
            --intervals 0,7 alternates the root note and a fifth above it: each note then needs an \
            impact regenerated with f0 transposed, so its latency is the model's time for the first \
            chunk (measure it with --model default).
            """)

    @Option(help: ArgumentHelp("The JACK server (default: $JACK_DEFAULT_SERVER, else default).", valueName: "name"))
    var server: String?

    @Option(parsing: .unconditional, help: "Notes to send.")
    var notes = 16

    @Option(parsing: .unconditional, help: ArgumentHelp("The rate the clicks are generated at, in Hz.", valueName: "hz"))
    var modelRate = 22_050

    @Option(help: ArgumentHelp("Semitones from the root note (60) of the notes, sent in turn.", valueName: "list"))
    var intervals = "0"

    @Option(help: ArgumentHelp("A model instead of the clicks (`neurorack-run models`), playing --profile.", valueName: "name"))
    var model: String?

    @Option(help: ArgumentHelp("The profile --model plays.", valueName: "name"))
    var profile = "kick"

    @OptionGroup var generation: GenerationOptions

    /// The intervals as numbers.
    var semitones: [Int] {
        get throws {
            let values = intervals.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0.map { (-24...24).contains($0) } ?? false }) else {
                throw ValidationError("--intervals must be whole semitones −24…24 separated by commas, got '\(intervals)'")
            }
            return values.compactMap { $0 }
        }
    }

    func validate() throws {
        _ = try semitones
        guard (1...1_000).contains(notes) else { throw ValidationError("--notes must be 1…1000, got \(notes)") }
        guard Engine.outputSampleRates.contains(modelRate) else { throw ValidationError("--model-rate must be 1000…384000 Hz, got \(modelRate)") }
    }

    func run() throws {
        let client = try JACKClient(name: "neurorack-latency", server: server)
        let (engine, spacing, source) = try makeEngine(outputRate: client.sampleRate)
        engine.start()
        defer { engine.stop() }
        try engine.waitForCurrentImpact()
        let instrument = try JACKInstrument(client: client, engine: engine, mapping: .standard, channelCount: 1)
        try instrument.activate(connectOutputsTo: client.playbackPorts.prefix(1).map { $0 }, midiFrom: [])
        let notes = try semitones.map { MIDIMapping.standard.rootNote + $0 }
        let latencies = try JACKLatencyProbe(server: server).measure(instrument, count: self.notes, notes: notes, spacing: spacing)
        let heard = latencies.compactMap { $0 }.sorted()
        print("JACK \(client.sampleRate) Hz, period \(client.bufferSize); \(source); \(engine.generationThreadCount) generation threads; notes \(notes.map(String.init).joined(separator: ","))")
        print("note → first sample, frames: \(latencies.map { $0.map(String.init) ?? "lost" }.joined(separator: " "))")
        guard let first = heard.first, let last = heard.last else {
            throw NeuroError(.unavailable, "no note was heard back (is the server running and not overloaded?)")
        }
        let output = instrument.outputLatency
        print("min \(first) · median \(heard[heard.count / 2]) · max \(last) frames; \(latencies.count - heard.count) lost; "
            + "JACK output latency \(output.lowerBound)…" + latencyText(frames: output.upperBound, rate: client.sampleRate))
    }

    /// The engine measured, the frames between notes (twice an impact) and a description of what it plays.
    private func makeEngine(outputRate: Int) throws -> (Engine, Int, String) {
        guard let model else {
            let spacing = 2 * 10 * 512 * outputRate / modelRate
            return (try ClickImpactModel.engine(
                sampleRate: modelRate, outputRate: outputRate, generationThreads: generation.threads), spacing, "clicks generated at \(modelRate) Hz")
        }
        let start = try EngineModels.start(model: model, profile: profile, morph: nil, latents: nil)
        let (impactModel, control) = (start.model, start.control)
        let engine = try start.engine(Engine.Configuration(
            maxFramesPerImpact: control.frameCount, outputSampleRate: outputRate, generationThreads: generation.threads,
            setAsideImpactsPerThread: generation.setAside))
        let impactFrames = control.frameCount * impactModel.samplesPerFrame * outputRate / impactModel.sampleRate
        return (engine, 2 * impactFrames + 4_096, "\(impactModel.name) playing \(profile), converted from \(impactModel.sampleRate) Hz")
    }
}
