import Foundation
import ArgumentParser
import NeuroAudio
import NeuroCore
import NeuroHardware

/// Where `play` sends its audio.
enum PlayBackendKind: String, ExpressibleByArgument, CaseIterable {
    /// JACK when a server answers, else ALSA.
    case auto
    /// A JACK (or PipeWire JACK) server: audio ports and a MIDI port.
    case jack
    /// An ALSA PCM device (`--device`), with its own audio thread.
    case alsa
    /// No sound: a null sink paced like a sound card (headless runs, soak tests).
    case null
}

/// A running audio output of `play`: the engine's periods go out through it.
protocol PlayBackend: AnyObject {
    /// One line saying what plays where (device, rate, period, format, connections).
    var description: String { get }
    /// The part of the status line the backend knows (xruns, MIDI, latency).
    var statusFields: [String] { get }
    /// Why `play` must stop (the server shut down…), if it must.
    var stopReason: String? { get }
    /// The render loop's counters.
    var loopCounters: RenderLoopCounters { get }
    /// The period in frames.
    var periodFrames: Int { get }
    /// The oldest MIDI program change not yet applied.
    func nextProgramChange() -> Int?
    /// Stops the audio and closes the device.
    func stop() throws(NeuroError)
}

/// `play` through JACK: the engine renders in the server's process callback.
final class JACKPlayBackend: PlayBackend {
    let instrument: JACKInstrument
    private let connections: [String]

    /// Creates the instrument on `client` and connects it.
    init(client: JACKClient, engine: Engine, mapping: MIDIMapping, options: PlayCommand.JACKOptions) throws(NeuroError) {
        instrument = try JACKInstrument(client: client, engine: engine, mapping: mapping, channelCount: options.channels)
        let destinations = options.connect.isEmpty ? (options.noAutoConnect ? [] : client.playbackPorts) : options.connect
        let sources = options.midiConnect.isEmpty ? client.midiSources.filter { !$0.hasPrefix(client.name + ":") } : options.midiConnect
        try instrument.activate(connectOutputsTo: destinations, midiFrom: sources)
        connections = destinations + sources
    }

    var description: String {
        let latency = instrument.outputLatency
        return "JACK client \(instrument.client.name): \(instrument.outputPortNames.joined(separator: ", ")), \(instrument.midiInputName); "
            + "\(instrument.client.sampleRate) Hz, period \(instrument.client.bufferSize); connected to "
            + (connections.isEmpty ? "nothing" : connections.joined(separator: ", "))
            + "; note → sound: the note's frame in the same period + JACK output latency \(latency.lowerBound)…\(latency.upperBound) frames"
    }

    var statusFields: [String] {
        let status = instrument.status
        return ["xruns \(status.xruns)", "midi \(status.midiEvents) (dropped \(status.droppedMIDI))",
                "latency " + latencyText(frames: instrument.outputLatency.upperBound, rate: instrument.client.sampleRate)]
    }

    var stopReason: String? { instrument.status.stopReason }
    var loopCounters: RenderLoopCounters { instrument.loop.counters }
    var periodFrames: Int { instrument.status.bufferSize }
    func nextProgramChange() -> Int? { instrument.nextProgramChange() }
    func stop() throws(NeuroError) { instrument.deactivate() }
}

/// `play` through a sink on the render loop's own thread (ALSA, or a paced null sink).
final class LoopPlayBackend: PlayBackend {
    let loop: RenderLoop
    private let alsa: ALSAPCMSink?
    let description: String

    /// Starts the loop's thread (with `SCHED_FIFO` when permitted) on `sink`.
    init(engine: Engine, sink: any AudioSink, periodFrames: Int, channels: Int, description: String) throws(NeuroError) {
        loop = try RenderLoop(engine: engine, sink: sink, periodFrames: periodFrames, channelCount: channels)
        alsa = sink as? ALSAPCMSink
        self.description = description
        loop.start(realtimePriority: 70)
    }

    var statusFields: [String] {
        let frames = alsa?.bufferFrames ?? periodFrames
        return ["xruns \(alsa?.xrunCount ?? 0)", "latency ≤ " + latencyText(frames: frames, rate: loop.format.sampleRate) + " (device buffer)"]
    }

    var stopReason: String? { nil }
    var loopCounters: RenderLoopCounters { loop.counters }
    var periodFrames: Int { loop.periodFrames }
    func nextProgramChange() -> Int? { nil }
    func stop() throws(NeuroError) { try loop.finish() }
}

/// `frames` at `rate` as `N frames = M.m ms`.
func latencyText(frames: Int, rate: Int) -> String {
    "\(frames) frames = " + String(format: "%.1f", Double(frames) * 1_000 / Double(rate)) + " ms"
}
