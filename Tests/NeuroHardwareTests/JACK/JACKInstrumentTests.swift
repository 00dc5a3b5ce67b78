import Foundation
import NeuroCore
import Testing
@testable import NeuroHardware

/// The instrument on a real JACK server (the dummy backend), MIDI in and audio out.
@Suite(.serialized, .enabled(if: JACKTestServer.isInstalled, "jackd is not installed (apt-get install jackd2)"))
struct JACKInstrumentTests {
    private func clickEngine(rate: Int) throws -> Engine {
        let profile = ImpactProfile(name: "click", frames: Array(repeating: ControlFrame.silence, count: 10))
        return try Engine(
            model: ClickImpactModel(), control: LatentControl(primary: profile),
            configuration: Engine.Configuration(volumeRampDuration: 0, maxFramesPerImpact: 10, outputSampleRate: rate))
    }

    @Test func clientSeesTheServersRateBufferAndPorts() throws {
        try JACKTestServer.start()
        let client = try JACKClient(name: "neurorack-ports")
        #expect(client.sampleRate == 48_000 && client.bufferSize == 256)
        #expect(client.playbackPorts == ["system:playback_1", "system:playback_2"])
    }

    @Test func noteOnSoundsAtItsFrameInTheSameCycle() throws {
        try JACKTestServer.start()
        let client = try JACKClient(name: "neurorack-latency")
        let engine = try clickEngine(rate: client.sampleRate)
        engine.start()
        defer { engine.stop() }
        let instrument = try JACKInstrument(client: client, engine: engine, mapping: .standard, channelCount: 2)
        try instrument.activate(connectOutputsTo: client.playbackPorts, midiFrom: [])
        let latencies = try JACKLatencyProbe().measure(instrument, count: 8, spacing: 12_000)
        print("JACK note-on → first sample, frames at 48 kHz, period 256:", latencies)
        #expect(latencies.count == 8)
        #expect(latencies.allSatisfy { $0 == 0 })
        #expect(instrument.status.midiEvents == 8)
        #expect(engine.counters.missedGates == 0 && engine.counters.underruns == 0)
        #expect(instrument.status.stopReason == nil)
    }

    @Test func missingServerIsAClearError() throws {
        try JACKTestServer.start()
        setenv("JACK_DEFAULT_SERVER", "neurorack-no-such-server", 1)
        defer { setenv("JACK_DEFAULT_SERVER", JACKTestServer.name, 1) }
        let error = #expect(throws: NeuroError.self) { try JACKClient(name: "neurorack-nothing") }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.hasPrefix("no JACK server answers") == true)
    }

    @Test func engineAtAnotherRateIsRefused() throws {
        try JACKTestServer.start()
        let client = try JACKClient(name: "neurorack-rate")
        #expect(throws: NeuroError.self) {
            try JACKInstrument(client: client, engine: try clickEngine(rate: 44_100), mapping: .standard, channelCount: 1)
        }
    }
}
