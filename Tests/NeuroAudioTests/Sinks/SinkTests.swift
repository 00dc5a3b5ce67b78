import Foundation
import NeuroTestSupport
import Testing
import NeuroCore
@testable import NeuroAudio

@Suite struct SinkTests {
    /// Writes `samples` as one period (a `Span` cannot be passed to `#expect` directly).
    private func write(_ samples: [Float], to sink: some AudioSink) -> Bool {
        sink.write(samples.span)
    }

    private func signal(_ count: Int) -> [Float] {
        (0..<count).map { 1.2 * Float(sin(Double($0) * 0.05)) * Float(count - $0) / Float(count) }
    }

    @Test(arguments: WAVSampleFormat.allCases, [1, 2])
    func wavFileSinkWritesTheBytesOfTheWholeFileWriter(format: WAVSampleFormat, channels: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let samples = signal(1_000 * channels)
        let audio = AudioBuffer(samples: samples, format: AudioFormat(sampleRate: 48_000, channelCount: channels))
        let url = directory.file("streamed.wav")
        let sink = WAVFileSink(url: url, sampleFormat: format)
        try sink.prepare(format: audio.format, maxFrameCount: 300)
        for start in stride(from: 0, to: 1_000, by: 300) {
            let end = min(start + 300, 1_000)
            #expect(write(Array(samples[start * channels..<end * channels]), to: sink))
        }
        #expect(try directory.entries().count == 1 && !FileManager.default.fileExists(atPath: url.path))
        try sink.finish()
        let whole = try WAVWriter(sampleFormat: format).encode(audio, name: "whole")
        #expect(try Array(Data(contentsOf: url)) == whole.bytes)
        #expect(sink.clippedSampleCount == whole.clippedSampleCount)
        #expect(format == .float32 || sink.clippedSampleCount > 0)
    }

    @Test func wavFileSinkLeavesNoFileAfterAFailedPeriod() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("x.wav")
        let sink = WAVFileSink(url: url, sampleFormat: .int16)
        try sink.prepare(format: AudioFormat(sampleRate: 22_050), maxFrameCount: 4)
        #expect(!write([0, 0, 0, 0, 0], to: sink))
        #expect(!write([0], to: sink))
        #expect(throws: NeuroError.self) { try sink.finish() }
        #expect(try directory.entries().isEmpty)
    }

    @Test func wavFileSinkNamesAMissingDirectory() {
        let sink = WAVFileSink(url: URL(fileURLWithPath: "/nonexistent/dir/x.wav"), sampleFormat: .int16)
        #expect(throws: NeuroError(.cannotWrite, "cannot write /nonexistent/dir/x.wav: directory /nonexistent/dir does not exist")) {
            try sink.prepare(format: AudioFormat(sampleRate: 22_050), maxFrameCount: 64)
        }
    }

    @Test func captureSinkRefusesPeriodsThatDoNotFit() throws {
        let sink = CaptureSink(capacityFrames: 3)
        try sink.prepare(format: AudioFormat(sampleRate: 8_000), maxFrameCount: 2)
        #expect(write([1, 2], to: sink))
        #expect(!write([3, 4], to: sink))
        #expect(write([5], to: sink))
        #expect(sink.audio.samples == [1, 2, 5])
        #expect(throws: NeuroError.self) { try sink.finish() }
    }

    @Test func pacedNullSinkWaitsForTheClockAndUnpacedDoesNot() throws {
        let clock = ManualClock(start: 1_000)
        let paced = NullSink(pacing: .realTime(clock: clock))
        try paced.prepare(format: AudioFormat(sampleRate: 1_000), maxFrameCount: 10)
        // The manual clock shows each period as played before the next write: no wait.
        for _ in 0..<5 {
            #expect(write([Float](repeating: 0, count: 10), to: paced))
            clock.advance(byNanoseconds: 10_000_000)
        }
        let realTime = NullSink(pacing: .realTime(clock: MonotonicClock()))
        try realTime.prepare(format: AudioFormat(sampleRate: 1_000), maxFrameCount: 10)
        let started = ContinuousClock.now
        for _ in 0..<4 { _ = write([Float](repeating: 0, count: 10), to: realTime) }
        // Three periods of 10 ms had to be played before the fourth write returned (a lower bound only).
        #expect(ContinuousClock.now - started >= .milliseconds(30))
        #expect(throws: NeuroError.self) { try NullSink().prepare(format: AudioFormat(sampleRate: 0), maxFrameCount: 1) }
    }
}
