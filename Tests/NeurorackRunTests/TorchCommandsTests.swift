import Foundation
import NeuroAudio
import NeuroCore
import NeuroTestSupport
import NeuroTorch
import Testing
@testable import neurorack_run

/// `models inspect`, `render --model FILE.ts` (latents and `--input`), `describe --latents` and
/// `verify-torch`, with the test models of Tests/NeuroTorchTests/Fixtures.
@Suite(.serialized, .enabled(if: TorchModule.isAvailable, "\(TorchModule.unavailableReason)"))
struct TorchCommandsTests {
    @Test func inspectReportsMethodsParamsAttributesAndSpeed() async throws {
        let inspection = try TorchInspection(path: TorchTestModels.codec, timedAudioSeconds: 0.05)
        let lines = ModelsInspectCommand.report(inspection, threads: 1).split(separator: "\n").map(String.init)
        #expect(lines[1] == "sample rate: 22050 Hz")
        #expect(lines[2] == "latent size: 4")
        #expect(lines.contains { $0.split(separator: " ") == ["decode", "4", "64", "1", "1"] })
        #expect(lines.contains("attributes: temperature = 0.01, name = codec"))
        #expect(lines.contains { $0.hasPrefix("speed: decode of 1024-sample blocks at ") })
        #expect(lines.contains { $0.hasPrefix("latency: one block of 1024 samples (46.4 ms)") })
        #expect(await runCommandLine(["models", "inspect", TorchTestModels.streaming]) == nil)
        #expect(await runCommandLine(["models", "inspect", TorchTestModels.truncated])?.exitCode == 65)
        #expect(await runCommandLine(["models", "inspect", "model.onnx"])?.exitCode == 64)
    }

    @Test func renderDecodesTheBundledImpactOrAnEncodedWAV() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bundled = directory.file("bundled.wav")
        #expect(await runCommandLine(["render", "--model", TorchTestModels.codec, "--out", bundled.path, "--format", "f32"]) == nil)
        let audio = try WAVReader.read(from: bundled).audio
        #expect(audio.format.sampleRate == 22_050)
        #expect(audio.samples.contains { $0 != 0 })

        let latents = directory.file("latents.json")
        #expect(await runCommandLine(["describe", "--latents", "--model", TorchTestModels.codec, bundled.path, "--out", latents.path]) == nil)
        let profile = try LatentProfileFile.read(latents.path)
        #expect(profile.dimension == 4)
        #expect(profile.frameCount == audio.samples.count / 64)

        let morphed = directory.file("morphed.wav")
        let arguments = ["render", "--model", TorchTestModels.codec, "--controls", latents.path, "--morph", latents.path,
                         "--alpha", "0.3", "--cv3", "2", "--latent-dims", "2", "--out", morphed.path, "--format", "f32"]
        #expect(await runCommandLine(arguments) == nil)
        #expect(try WAVReader.read(from: morphed).audio.samples.count == profile.frameCount * 64)
        #expect(await runCommandLine(arguments.map { $0 == "2" ? "7" : $0 })?.exitCode == 65, "dimension 7 is outside the latent")
    }

    @Test func renderInputRunsForwardAndStreamingModelsRenderAtTheirRate() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("in.wav")
        try WAVWriter(sampleFormat: .float32).write(
            AudioBuffer(mono: (0..<3000).map { sin(Float($0) * 0.01) * 0.5 }, sampleRate: 44_100), to: input)
        let forward = directory.file("forward.wav")
        #expect(await runCommandLine(["render", "--model", TorchTestModels.codec, "--input", input.path, "--out", forward.path]) == nil)
        #expect(try WAVReader.read(from: forward).audio.frameCount == 1500)
        let noForward = await runCommandLine(["render", "--model", TorchTestModels.streaming, "--input", input.path, "--out", forward.path])
        #expect(noForward?.exitCode == 65)
        #expect(noForward?.line?.contains("no forward_params buffer") == true)

        let streamed = directory.file("streamed.wav")
        #expect(await runCommandLine(["render", "--model", TorchTestModels.streaming, "--out", streamed.path, "--sample-rate", "22050"]) == nil)
        #expect(try WAVReader.read(from: streamed).audio.format.sampleRate == 22_050)
        let raising = await runCommandLine(["render", "--model", TorchTestModels.raising, "--out", directory.file("r.wav").path])
        #expect(raising?.exitCode == 70)
        #expect(raising?.line?.contains("decode always fails") == true)
        #expect(try directory.entries().sorted() == ["forward.wav", "in.wav", "streamed.wav"], "no partial output")
    }

    @Test func verifyTorchPassesTheFixturesAndFailsAnotherModel() async {
        #expect(await runCommandLine(["verify-torch", "--model", TorchTestModels.codec, "--fixture", TorchTestModels.codecFixture]) == nil)
        #expect(await runCommandLine(["verify-torch", "--model", TorchTestModels.streaming, "--fixture", TorchTestModels.streamingFixture]) == nil)
        let mismatch = await runCommandLine(["verify-torch", "--model", TorchTestModels.streaming, "--fixture", TorchTestModels.codecFixture])
        #expect(mismatch?.exitCode == 65)
    }
}

/// Without the Torch trait every TorchScript command says how to build with it.
@Suite(.enabled(if: !TorchModule.isAvailable, "built with the Torch trait: the TorchScript commands work"))
struct TorchCommandsUnavailableTests {
    @Test func everyTorchCommandSaysToBuildWithTheTrait() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let wav = directory.file("in.wav")
        try WAVWriter(sampleFormat: .float32).write(AudioBuffer(mono: [Float](repeating: 0.1, count: 256), sampleRate: 22_050), to: wav)
        let out = directory.file("out.wav").path
        let commands = [
            ["models", "inspect", TorchTestModels.codec],
            ["render", "--model", TorchTestModels.codec, "--out", out],
            ["render", "--model", TorchTestModels.codec, "--input", wav.path, "--out", out],
            ["describe", "--latents", "--model", TorchTestModels.codec, wav.path],
            ["verify-torch", "--model", TorchTestModels.codec, "--fixture", TorchTestModels.codecFixture],
            ["play", "--backend", "null", "--model", TorchTestModels.codec, "--duration", "0.1"],
            ["module", "--simulate", "--model", TorchTestModels.codec, "--out", out],
        ]
        for command in commands {
            let failure = await runCommandLine(command)
            #expect(failure?.exitCode == 69, "\(command)")
            #expect(failure?.line?.contains("--traits Torch") == true, "\(command)")
        }
        #expect(try directory.entries() == ["in.wav"])
    }
}
