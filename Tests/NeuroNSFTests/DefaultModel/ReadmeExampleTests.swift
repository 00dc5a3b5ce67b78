import Foundation
import NeuroCore
import NeuroNSF
import NeuroTestSupport
import Testing
import NeuroAudio
import NeuroProfiles

/// Runs the README's "Using the library from Swift" example, so the documented API keeps compiling and working.
@Suite struct ReadmeExampleTests {
    @Test func libraryExampleWritesANonSilentImpact() throws {
        let directory = try TemporaryDirectory()
        let output = directory.file("hit.wav")

        let model = try DefaultNSFModel.load()
        let control = LatentControl(primary: try ImpactProfile.named("kick-acoustic-1"))
        var cv = CVState()
        cv[4] = 2
        let audio = try ImpactRenderer.render(model: model, frames: control.frames(cv: cv), seed: 42)
        let buffer = AudioBuffer(mono: audio, sampleRate: model.sampleRate)
        _ = try WAVWriter(sampleFormat: .float32).write(buffer, to: output)

        let written = try WAVReader.read(from: output).audio
        #expect(written.frameCount == control.frameCount * model.samplesPerFrame)
        #expect(written.samples.allSatisfy { $0.isFinite })
        #expect(written.samples.map(abs).max() ?? 0 > 0.01)
    }
}
