import Foundation
import NeuroAudio
import NeuroCore
import NeuroTestSupport
import Testing
@testable import NeuroHardware

/// The ALSA sink on the devices that work without a sound card: `null` and the `file` PCM.
/// (These machines have no /dev/snd: hardware devices cannot be exercised here.)
@Suite(.enabled(if: (try? ALSALibrary()) != nil, "libasound.so.2 is not installed (apt-get install libasound2)"))
struct ALSAPCMSinkTests {
    private func clickEngine(rate: Int) throws -> Engine {
        try ClickImpactModel.engine(sampleRate: rate)
    }

    @Test func nullDeviceNegotiatesAndTakesPeriods() throws {
        let sink = try ALSAPCMSink(device: "null", rate: 22_050, channels: 1, periodFrames: 256, periods: 4)
        #expect(sink.sampleRate == 22_050 && sink.periodFrames == 256)
        #expect(sink.formatName == "FLOAT_LE")
        let loop = try RenderLoop(engine: try clickEngine(rate: 22_050), sink: sink, periodFrames: 256)
        try loop.run(periods: 20, script: [ScheduledEvent(sampleTime: 5, event: .gatePlay(velocity: 1))], generation: .inline)
        try loop.finish()
        #expect(loop.counters.periods == 20 && loop.counters.sinkFailures == 0 && sink.xrunCount == 0)
    }

    @Test func fileDeviceHoldsTheImpactAtTheTriggersFrame() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("out.raw")
        let sink = try ALSAPCMSink(device: "file:FILE=\(file.path),FORMAT=raw", rate: 22_050, channels: 2, periodFrames: 128, periods: 4)
        let loop = try RenderLoop(engine: try clickEngine(rate: 22_050), sink: sink, periodFrames: 128, channelCount: 2)
        try loop.run(periods: 40, script: [ScheduledEvent(sampleTime: 1_000, event: .gatePlay(velocity: 0.5))], generation: .inline)
        try loop.finish()
        let data = try Data(contentsOf: file)
        let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(samples.count == 40 * 128 * 2)
        let first = samples.firstIndex { $0 != 0 }
        #expect(first == 2 * 1_000)
        #expect(samples[2_000] == 0.5 && samples[2_001] == 0.5)
        #expect(samples.filter { $0 != 0 }.count == 2)
    }

    @Test func missingDeviceNamesItAndTheWayToListDevices() {
        let error = #expect(throws: NeuroError.self) {
            try ALSAPCMSink(device: "hw:9", rate: 22_050, channels: 1, periodFrames: 256, periods: 4)
        }
        #expect(error?.kind == .missingInput)
        #expect(error?.message.contains("'hw:9'") == true && error?.message.contains("--list-devices") == true)
    }

    @Test func deviceListHasTheNullDevice() throws {
        #expect(try ALSAPCMSink.deviceList().contains { $0.hasPrefix("null") })
    }

    @Test func formatMismatchIsRefusedAtPrepare() throws {
        let sink = try ALSAPCMSink(device: "null", rate: 48_000, channels: 1, periodFrames: 256, periods: 4)
        #expect(throws: NeuroError.self) { try sink.prepare(format: AudioFormat(sampleRate: 22_050), maxFrameCount: 256) }
    }
}
