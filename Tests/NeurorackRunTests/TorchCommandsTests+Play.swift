import ArgumentParser
import Foundation
import NeuroAudio
import NeuroCore
import NeuroTestSupport
import NeuroTorch
import Testing
@testable import neurorack_run

/// `play` and `module` with a TorchScript model: the engine they build plays its latents at the
/// gates, CV2 morphs them and CV3 offsets them, and a stateful model starts every impact afresh.
extension TorchCommandsTests {
    /// A latent profile of `frames` frames for `model` (sine curves of phase `phase`), written to `name` in `directory`.
    private func latentFile(_ name: String, for model: String, frames: Int, phase: Float, in directory: TemporaryDirectory) throws -> String {
        let dimension = try TorchModel(module: TorchModule(path: model)).latentSize
        let values = (0..<(frames * dimension)).map { sin(Float($0) * 0.37 + phase) }
        let path = directory.file(name).path
        try LatentProfileFile.write(try LatentProfile(name: name, dimension: dimension, frameRate: 100, values: values), to: URL(fileURLWithPath: path))
        return path
    }

    /// The engine `play` builds for `model` with profiles A and B.
    private func playEngine(_ model: String, profile: String, morph: String? = nil) throws -> Engine {
        let start = try EngineModels.start(model: model, profile: profile, morph: morph, latents: TorchLatentOptions.parse([]))
        #expect(start.models.torch?.primary == profile)
        return try start.engine(Engine.Configuration(voiceCount: 2, seed: 3))
    }

    /// `periods` periods of 512 samples of `engine`, generated on this thread; `events[p]` are handled before period `p`.
    private func render(_ engine: Engine, periods: Int, events: [Int: [ControlEvent]]) throws -> [Float] {
        var output: [Float] = []
        var period = [Float](repeating: 0, count: 512)
        for index in 0..<periods {
            for event in events[index] ?? [] { engine.handle(event) }
            try engine.generatePendingWork()
            var span = period.mutableSpan
            engine.render(into: &span)
            output += period
        }
        return output
    }

    private func relativeDifference(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        let difference = zip(a, b).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return (difference / max(b.reduce(0) { $0 + $1 * $1 }, 1e-12)).squareRoot()
    }

    @Test func playRunsATorchScriptModelHeadlessAndRejectsBadLatents() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let headless = ["play", "--backend", "null", "--duration", "1", "--trigger-every", "0.2"]
        #expect(await runCommandLine(headless + ["--model", TorchTestModels.codec]) == nil)
        let short = try latentFile("short.json", for: TorchTestModels.streaming, frames: 40, phase: 0, in: directory)
        #expect(await runCommandLine(headless + ["--model", TorchTestModels.streaming, "--profile", short, "--latent-dims", "1"]) == nil)
        let wrongSize = await runCommandLine(headless + ["--model", TorchTestModels.codec, "--profile", short])
        #expect(wrongSize?.exitCode == 65)
        #expect(wrongSize?.line?.contains("has 2 dimensions, the model's decode takes 4") == true, "\(wrongSize?.line ?? "")")
        #expect(await runCommandLine(headless + ["--model", TorchTestModels.streaming, "--profile", short, "--latent-dims", "5"])?.exitCode == 65)
        #expect(await runCommandLine(headless + ["--model", TorchTestModels.codec, "--profile", directory.file("none.json").path])?.exitCode == 66)
    }

    @Test func thePlayEngineGatesTheLatentsAndCV3AndMorphMoveThem() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let profileA = try latentFile("a.json", for: TorchTestModels.codec, frames: 50, phase: 0, in: directory)
        let profileB = try latentFile("b.json", for: TorchTestModels.codec, frames: 50, phase: 2, in: directory)
        let engine = try playEngine(TorchTestModels.codec, profile: profileA, morph: profileB)
        #expect(engine.sampleRate == 22_050)
        let length = 50 * 64
        let gates = [0, 9, 18]
        let output = try render(engine, periods: 26, events: [
            0: [.gatePlay(velocity: 1)],
            8: [.cv(index: 3, volts: 3), .gateRegenerate], 9: [.gatePlay(velocity: 1)],
            17: [.morph(alpha: 1), .gateRegenerate], 18: [.gatePlay(velocity: 1)],
        ])
        let impacts = gates.map { output[($0 * 512)..<($0 * 512 + length)] }
        for impact in impacts {
            #expect(impact.allSatisfy(\.isFinite) && impact.contains { abs($0) > 1e-3 }, "every gate plays an impact")
        }
        for (start, end) in zip(gates.map { $0 * 512 + length }, gates.dropFirst().map { $0 * 512 } + [output.count]) {
            #expect(output[start..<end].allSatisfy { $0 == 0 }, "silence after each impact of \(length) samples")
        }
        #expect(engine.counters.modelFailures == 0)
        #expect(relativeDifference(impacts[1], impacts[0]) > 0.05, "CV3 offsets latent dimension 0")
        #expect(relativeDifference(impacts[2], impacts[1]) > 0.05, "CV2 morphs towards profile B")
    }

    @Test func aStreamingModelStartsEveryImpactOfTheEngineFromItsStateAtLoad() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let engine = try playEngine(TorchTestModels.streaming, profile: try latentFile("s.json", for: TorchTestModels.streaming, frames: 40, phase: 1, in: directory))
        let length = 40 * 32
        let output = try render(engine, periods: 14, events: [
            0: [.gatePlay(velocity: 1)], 4: [.gateRegenerate], 5: [.gatePlay(velocity: 1)], 9: [.gateRegenerate], 10: [.gatePlay(velocity: 1)],
        ])
        let impacts = [0, 5, 10].map { Array(output[($0 * 512)..<($0 * 512 + length)]) }
        #expect(impacts[0].contains { abs($0) > 1e-3 })
        #expect(engine.counters.impactsStarted >= 3)
        #expect(impacts[1] == impacts[0] && impacts[2] == impacts[0], "regenerated impacts of a deterministic model are equal")
    }

    @Test func theModuleSimulationPlaysATorchScriptModelAtItsGatesAndCV3ChangesIt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let profile = try latentFile("a.json", for: TorchTestModels.codec, frames: 50, phase: 0, in: directory)
        let gates = "0.1 gate1 10\n0.12 gate1 0\n0.3 gate2 10\n0.32 gate2 0\n0.5 gate1 10\n0.52 gate1 0\n"
        func simulate(_ name: String, script: String) async throws -> [Float] {
            let scriptFile = directory.file("\(name).txt")
            try Data(script.utf8).write(to: scriptFile)
            let wav = directory.file("\(name).wav")
            #expect(await runCommandLine([
                "module", "--simulate", "--model", TorchTestModels.codec, "--profile", profile, "--script", scriptFile.path,
                "--duration", "0.8", "--out", wav.path, "--calibration", directory.file("none.json").path,
            ]) == nil)
            return try WAVReader.read(from: wav).audio.channel(0)
        }
        let plain = try await simulate("plain", script: gates)
        let offset = try await simulate("offset", script: "0.25 cv3 3\n" + gates)
        let first = try #require(plain.firstIndex { abs($0) > 1e-3 })
        #expect(abs(first - 2_205) <= 44, "the gate at 0.1 s sounds at sample \(first)")
        let second = try #require(plain[(first + 50 * 64)...].firstIndex { abs($0) > 1e-3 })
        #expect(abs(second - 11_025) <= 44, "the gate at 0.5 s sounds at sample \(second)")
        #expect(plain[(first + 50 * 64 + 10)..<(second - 10)].allSatisfy { $0 == 0 }, "one impact per gate")
        #expect(offset[..<(second - 10)] == plain[..<(second - 10)], "the same first impact")
        #expect(relativeDifference(offset[second..<(second + 3_000)], plain[second..<(second + 3_000)]) > 0.05, "CV3 moved the regenerated impact")
    }

    @Test func aRunningTorchScriptModelCanOnlyBeReloadedWithItsLatents() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let profile = try latentFile("a.json", for: TorchTestModels.codec, frames: 30, phase: 0, in: directory)
        let latents = try TorchLatentOptions.parse(["--latent-dims", "3"])
        let torchModels = try EngineModels.start(model: TorchTestModels.codec, profile: profile, morph: nil, latents: latents).models
        let reloaded = try #require(try torchModels.load(TorchTestModels.codec) as? TorchModel)
        #expect(reloaded.currentLatents.frameCount == 30 && reloaded.currentLatents.offsetDimensions == [3], "the reload plays the same latents")
        #expect(RegistryCatalog(models: torchModels).names == [TorchTestModels.codec])
        for swap in ["neural", TorchTestModels.streaming] {
            #expect(throws: NeuroError.self) { try torchModels.load(swap) }
        }
        #expect(throws: NeuroError.self) { try torchModels.checkProfileChange() }

        let descriptorModels = try EngineModels.start(model: "modal", profile: nil, morph: nil, latents: nil).models
        #expect(descriptorModels.torch == nil)
        try descriptorModels.checkProfileChange()
        #expect(try descriptorModels.load("modal").name == "modal")
        let refused = #expect(throws: NeuroError.self) { try descriptorModels.load(TorchTestModels.codec) }
        #expect(refused?.kind == .usage && refused?.message.contains("restart with --model") == true, "\(refused?.message ?? "")")
    }
}
