import ArgumentParser
import Foundation
import NeuroCore
import NeuroNSF
import NeuroTestSupport
import Testing
@testable import neurorack_run

/// `--model` and `--config` (``ModelOptions``): the same spelling and the same errors from every
/// subcommand, `bench` and `verify-nsf` only on NSF models, `models --model`.
@Suite struct ModelOptionsTests {
    /// The default model's PyTorch fixture in the NeuroNSF tests.
    static let defaultFixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NeuroNSFTests/Fixtures/default_fixture.safetensors")

    /// Each subcommand with the model options, and the other arguments it needs (tiny and fast).
    static let commands: [[String]] = [
        ["render", "--frames", "2"],
        ["eval", "--curves", "1"],
        ["bench", "--frames", "2", "--threads", "1", "--repetitions", "1"],
        ["models"],
        ["verify-nsf", "--fixture", defaultFixture.path],
    ]

    /// The bundled default model's weights copied into `directory` as `name`, without a config next to them.
    private func defaultWeights(in directory: TemporaryDirectory, as name: String = "weights.safetensors") throws -> URL {
        let resources = try #require(DefaultNSFModel.directory)
        let weights = directory.file(name)
        try FileManager.default.copyItem(at: resources.appendingPathComponent(DefaultNSFModel.weightsFileName), to: weights)
        return weights
    }

    /// The bundled default model's config.
    private func defaultConfig() throws -> URL {
        try #require(DefaultNSFModel.directory).appendingPathComponent(DefaultNSFModel.configFileName)
    }

    @Test(arguments: commands)
    func everySubcommandGivesTheSameModelErrors(command: [String]) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file("absent.safetensors").path
        let onnx = directory.file("model.onnx")
        try Data([0]).write(to: onnx)
        let weights = directory.file("empty.safetensors")
        try Data().write(to: weights)
        let config = directory.file("absent.json").path
        let cases: [(arguments: [String], exitCode: Int32, line: String)] = [
            (["--model", "tuba"], 64, "error: unknown model 'tuba'; known models: neural, modal, or the path of a model file"),
            (["--model", missing], 66, "error: \(missing): no such model file"),
            (["--model", onnx.path], 64, "error: \(onnx.path): no loader for '.onnx' model files (supported: .safetensors, .ts)"),
            (["--model", "modal", "--config", config], 64,
             "error: --config \(config): a config goes with a model file given by path (--model PATH), not with the named model 'modal'"),
            (["--config", config], 64,
             "error: --config \(config): a config goes with a model file given by path (--model PATH), not with the named model 'neural'"),
            (["--model", weights.path, "--config", config], 66, "error: --config \(config): no such file"),
        ]
        for (arguments, exitCode, line) in cases {
            let failure = await runCommandLine(command + arguments)
            #expect(failure?.exitCode == exitCode, "\(command + arguments)")
            #expect(failure?.line == line, "\(command + arguments)")
        }
        #expect(try directory.entries() == ["empty.safetensors", "model.onnx"])
    }

    @Test func parsedCommandsShareTheOptionGroup() throws {
        let arguments = ["--model", "tuba"]
        let fixture = ["--fixture", Self.defaultFixture.path]
        let options = [
            try RenderCommand.parse(arguments).model, try EvalCommand.parse(arguments).model,
            try BenchCommand.parse(arguments).model, try ModelsCommand.parse(arguments).model,
            try VerifyNSFCommand.parse(arguments + fixture).model,
        ]
        for option in options {
            let error = #expect(throws: NeuroError.self) { try option.entry() }
            #expect(error?.kind == .usage)
        }
        #expect(try RenderCommand.parse([]).model.entry().name == ModelRegistry.defaultName)
        #expect(try VerifyNSFCommand.parse(fixture).model.entry().name == ModelRegistry.defaultName)
        for old in [["--weights", "w.safetensors"], ["--architecture", "a.json"]] {
            #expect(throws: (any Error).self, "\(old)") { try VerifyNSFCommand.parse(old + fixture) }
        }
    }

    @Test func benchRefusesModelsThatAreNotNSF() throws {
        let bench = try BenchCommand.parse(["--model", "modal", "--frames", "2", "--threads", "1", "--repetitions", "1"])
        let error = #expect(throws: NeuroError.self) { try bench.measure() }
        #expect(error?.kind == .usage)
        #expect(error?.message == "--model modal: bench measures NSF models (the neural model or .safetensors weights), and 'modal' is not one")
    }

    @Test func benchMeasuresNamedAndFileNSFModelsWithThreePlans() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let weights = try defaultWeights(in: directory, as: "mine.safetensors")
        let tiny = ["--parts", "model", "--frames", "2", "--threads", "1", "--repetitions", "1"]
        let reports = [
            ("default", try BenchCommand.parse(tiny).measure()),
            ("default", try BenchCommand.parse(tiny + ["--model", "neural"]).measure()),
            ("mine", try BenchCommand.parse(tiny + ["--model", weights.path, "--config", defaultConfig().path]).measure()),
        ]
        for (name, report) in reports {
            #expect(report.modelName == name)
            #expect(report.kernelRuns.isEmpty)
            let plans = report.modelRuns.map { "\($0.mode) \($0.framesPerChunk)/\($0.hop)" }
            #expect(plans == ["whole 2/2", "streaming 21/15", "original 16/15"])
        }
    }

    @Test func verifyNSFPassesOnTheDefaultModelAndItsFixture() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let weights = try defaultWeights(in: directory)
        let fixture = ["--fixture", Self.defaultFixture.path]
        let config = try defaultConfig().path
        #expect(await runCommandLine(["verify-nsf", "--model", weights.path, "--config", config] + fixture) == nil)
        #expect(await runCommandLine(["verify-nsf"] + fixture) == nil)
        let modal = await runCommandLine(["verify-nsf", "--model", "modal"] + fixture)
        #expect(modal?.exitCode == 64)
        #expect(modal?.line == "error: --model modal: verify-nsf checks NSF models (the neural model or .safetensors weights), and 'modal' is not one")
    }

    @Test func modelsListsOnlyTheGivenModel() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let weights = try defaultWeights(in: directory)
        let modal = try ModelsCommand.parse(["--model", "modal"]).listing().split(separator: "\n").map(String.init)
        #expect(modal.count == 2 && modal[0].hasPrefix("NAME") && modal[1].hasPrefix("modal "))
        let config = try defaultConfig().path
        let file = try ModelsCommand.parse(["--model", weights.path, "--config", config]).listing()
            .split(separator: "\n").map(String.init)
        #expect(file.count == 2)
        #expect(file[1].split(separator: " ").prefix(6) == ["\(weights.path)", "22050", "512", "6", "21/15", "70050"])
        #expect(file[1].hasSuffix("model file, config \(config)"))
        let lonely = #expect(throws: NeuroError.self) { try ModelsCommand.parse(["--model", weights.path]).listing() }
        #expect(lonely?.kind == .missingInput)
        #expect(try ModelsCommand.parse([]).listing() == ModelsCommand.fullListing())
    }
}
