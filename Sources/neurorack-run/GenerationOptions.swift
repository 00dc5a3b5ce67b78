import ArgumentParser
import NeuroCore

/// `--generation-threads` and `--set-aside`: how many impacts the live engine generates at once
/// and how many each thread may set aside for a new one (`play`, `module`, `soak`, `latency`).
struct GenerationOptions: ParsableArguments {
    @Option(
        name: .customLong("generation-threads"), parsing: .unconditional,
        help: ArgumentHelp(
            "Impacts generated at once, each on its own thread with its own model copy: a note at a new pitch or a moved CV starts generating without waiting for the impact in progress (1…\(Engine.maxGenerationThreads); TorchScript models use 1).",
            valueName: "count"))
    var threads = 2

    @Option(
        name: .customLong("set-aside"), parsing: .unconditional,
        help: ArgumentHelp(
            "Impacts in progress each generation thread may set aside so that a regenerate starts at once even while every thread is busy; each costs one more model copy (0…\(Engine.maxSetAsideImpactsPerThread); 0 waits for the impact in progress).",
            valueName: "count"))
    var setAside = 2

    func validate() throws {
        guard (1...Engine.maxGenerationThreads).contains(threads) else {
            throw ValidationError("--generation-threads must be 1…\(Engine.maxGenerationThreads), got \(threads)")
        }
        guard (0...Engine.maxSetAsideImpactsPerThread).contains(setAside) else {
            throw ValidationError("--set-aside must be 0…\(Engine.maxSetAsideImpactsPerThread), got \(setAside)")
        }
    }
}
