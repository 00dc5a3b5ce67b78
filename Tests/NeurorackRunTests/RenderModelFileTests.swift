import Foundation
import NeuroCore
import NeuroNSF
import NeuroTestSupport
import Testing
@testable import neurorack_run
import NeuroAudio

/// `render --model PATH` with NSF safetensors files, and `render --chunking`.
@Suite struct RenderModelFileTests {
    /// Copies the bundled default model into `directory` as `weightsName`, with its config as `configName`.
    private func copyDefaultModel(into directory: TemporaryDirectory, weightsName: String, configName: String?) throws -> URL {
        let resources = try #require(DefaultNSFModel.directory)
        let weights = directory.file(weightsName)
        try FileManager.default.copyItem(at: resources.appendingPathComponent(DefaultNSFModel.weightsFileName), to: weights)
        if let configName {
            try FileManager.default.copyItem(
                at: resources.appendingPathComponent(DefaultNSFModel.configFileName), to: directory.file(configName))
        }
        return weights
    }

    private func render(_ arguments: [String], to file: URL) async throws -> [Float] {
        #expect(await runCommandLine(["render", "--out", file.path, "--frames", "20", "--format", "f32"] + arguments) == nil)
        return try WAVReader.read(from: file).audio.samples
    }

    @Test func safetensorsPathRendersLikeTheNamedModel() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let named = try await render(["--model", "neural"], to: directory.file("named.wav"))
        let weights = try copyDefaultModel(into: directory, weightsName: "mine.safetensors", configName: "mine.json")
        #expect(try await render(["--model", weights.path], to: directory.file("mine.wav")) == named)

        let other = try TemporaryDirectory()
        defer { other.remove() }
        let upperCase = try copyDefaultModel(into: other, weightsName: "Kick.SAFETENSORS", configName: "architecture.json")
        #expect(try await render(["--model", upperCase.path], to: other.file("kick.wav")) == named)
    }

    @Test func missingConfigExits66AndUnknownTypesExit64() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let weights = try copyDefaultModel(into: directory, weightsName: "lonely.safetensors", configName: nil)
        let out = directory.file("out.wav").path
        let missing = await runCommandLine(["render", "--model", weights.path, "--out", out])
        #expect(missing?.exitCode == 66)
        #expect(missing?.line == "error: \(weights.path): no model config next to it (looked for lonely.json and architecture.json)")

        let onnx = directory.file("model.onnx")
        try Data([0]).write(to: onnx)
        let unknown = await runCommandLine(["render", "--model", onnx.path, "--out", out])
        #expect(unknown?.exitCode == 64)
        #expect(unknown?.line?.contains("no loader for '.onnx' model files (supported: .safetensors, .ts)") == true)
        #expect(try directory.entries() == ["lonely.safetensors", "model.onnx"])
    }

    @Test func chunkingSelectsThePlan() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let arguments = ["--frames", "40", "--seed", "2"]
        let lookAhead = try await render(arguments, to: directory.file("a.wav"))
        #expect(try await render(arguments + ["--chunking", "lookahead"], to: directory.file("b.wav")) == lookAhead)
        #expect(try await render(arguments + ["--chunking", "original"], to: directory.file("c.wav")) != lookAhead)
        #expect(await runCommandLine(["render", "--chunking", "whole"])?.exitCode == 64)
        #expect(RenderChunking.original.plan(for: try ModelRegistry.resolve("neural")) == .neurorack)
        #expect(RenderChunking.lookahead.plan(for: try ModelRegistry.resolve("neural")).framesPerChunk == 21)
        #expect(RenderChunking.lookahead.plan(for: try ModelRegistry.resolve("modal")) == .neurorack)
    }
}
