import Foundation
import NeuroAudio
import NeuroCore
import NeuroNSF
import NeuroProfiles
import NeuroTestSupport
import Testing

/// Runs the README's "Using the library from Swift" example, so the documented API keeps compiling and working.
@Suite struct ReadmeExampleTests {
    /// The README's example, writing to `url`.
    private func readmeExample(writingTo url: URL) throws {
        let model = try DefaultNSFModel.load()                          // the embedded default model
        let profile = try ImpactProfile.named("kick-acoustic-1")
        let engine = try Engine(model: model, control: LatentControl(primary: profile))
        engine.handle(.cv(index: 4, volts: 2))                           // CV4 = 2 V: twice the flatness
        let sink = WAVFileSink(url: url, sampleFormat: .float32)
        let loop = try RenderLoop(engine: engine, sink: sink, periodFrames: 256)
        let hit = ScheduledEvent(sampleTime: 1_000, event: .gatePlay(velocity: 1))
        try loop.run(periods: 100, script: [hit], generation: .inline)  // live: engine.start() instead
        try loop.finish()                                                // renames hit.wav into place
    }

    @Test func libraryExampleWritesTheImpactTheOfflineRendererMakes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.file("hit.wav")
        try readmeExample(writingTo: output)

        let written = try WAVReader.read(from: output).audio
        #expect(written.frameCount == 100 * 256)
        let model = try DefaultNSFModel.load()
        var cv = CVState()
        cv[4] = 2
        let frames = LatentControl(primary: try ImpactProfile.named("kick-acoustic-1")).frames(cv: cv)
        var seeds = SplitMix64(seed: Engine.Configuration().seed)
        let offline = try ImpactRenderer.render(model: model, frames: frames, seed: seeds.next())
        #expect(written.samples[0..<1_000].allSatisfy { $0 == 0 })
        #expect(Array(written.samples[1_000..<(1_000 + offline.count)]) == offline)
        #expect(written.samples[(1_000 + offline.count)...].allSatisfy { $0 == 0 })
        #expect(offline.map(abs).max() ?? 0 > 0.01)
    }
}
