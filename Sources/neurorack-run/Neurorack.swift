import ArgumentParser
import NeuroCore

@main
struct NeurorackRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neurorack-run",
        abstract: "Real-time neural synthesizer of impact sounds.",
        subcommands: [BenchCommand.self, DescribeCommand.self, EvalCommand.self, LatencyCommand.self, ModelsCommand.self, ModuleCommand.self, PlayCommand.self, ProfilesCommand.self, RenderCommand.self, SoakCommand.self, TorchPreflightCommand.self, VerifyNSFCommand.self, VerifyTorchCommand.self])
}
