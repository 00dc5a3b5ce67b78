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
            generated at --model-rate and converted to the server's rate, as every model's impacts are.
            """)

    @Option(help: ArgumentHelp("The JACK server (default: $JACK_DEFAULT_SERVER, else default).", valueName: "name"))
    var server: String?

    @Option(parsing: .unconditional, help: "Notes to send.")
    var notes = 16

    @Option(parsing: .unconditional, help: ArgumentHelp("The rate the clicks are generated at, in Hz.", valueName: "hz"))
    var modelRate = 22_050

    func validate() throws {
        guard (1...1_000).contains(notes) else { throw ValidationError("--notes must be 1…1000, got \(notes)") }
        guard Engine.outputSampleRates.contains(modelRate) else { throw ValidationError("--model-rate must be 1000…384000 Hz, got \(modelRate)") }
    }

    func run() throws {
        let client = try JACKClient(name: "neurorack-latency", server: server)
        let engine = try ClickImpactModel.engine(sampleRate: modelRate, outputRate: client.sampleRate)
        engine.start()
        defer { engine.stop() }
        try engine.waitForCurrentImpact()
        let instrument = try JACKInstrument(client: client, engine: engine, mapping: .standard, channelCount: 1)
        try instrument.activate(connectOutputsTo: client.playbackPorts.prefix(1).map { $0 }, midiFrom: [])
        let spacing = 2 * 10 * 512 * client.sampleRate / modelRate
        let latencies = try JACKLatencyProbe(server: server).measure(instrument, count: notes, spacing: spacing)
        let heard = latencies.compactMap { $0 }.sorted()
        print("JACK \(client.sampleRate) Hz, period \(client.bufferSize); clicks generated at \(modelRate) Hz")
        print("note → first sample, frames: \(latencies.map { $0.map(String.init) ?? "lost" }.joined(separator: " "))")
        guard let first = heard.first, let last = heard.last else {
            throw NeuroError(.unavailable, "no note was heard back (is the server running and not overloaded?)")
        }
        let output = instrument.outputLatency
        print("min \(first) · median \(heard[heard.count / 2]) · max \(last) frames; \(latencies.count - heard.count) lost; "
            + "JACK output latency \(output.lowerBound)…" + latencyText(frames: output.upperBound, rate: client.sampleRate))
    }
}
