import ArgumentParser
import NeuroCore

/// `--generation-threads`: how many impacts the live engine generates at once (`play`,
/// `module`, `soak`, `latency`).
struct GenerationOptions: ParsableArguments {
    @Option(
        name: .customLong("generation-threads"), parsing: .unconditional,
        help: ArgumentHelp(
            "Impacts generated at once, each on its own thread with its own model copy: a note at a new pitch or a moved CV starts generating without waiting for the impact in progress (1…\(Engine.maxGenerationThreads); TorchScript models use 1).",
            valueName: "count"))
    var threads = 2

    func validate() throws {
        guard (1...Engine.maxGenerationThreads).contains(threads) else {
            throw ValidationError("--generation-threads must be 1…\(Engine.maxGenerationThreads), got \(threads)")
        }
    }
}
