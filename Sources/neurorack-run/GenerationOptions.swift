import ArgumentParser
import NeuroCore

/// `--generation-threads` and `--set-aside`: how many impacts the live engine generates at once
/// and how many each thread may set aside for a new one (`play`, `module`, `soak`, `latency`).
struct GenerationOptions: ParsableArguments {
    private static let threadsHelp = ArgumentHelp(
        "Impacts generated at once, each on its own thread with its own model copy: a note at a new pitch or a moved CV starts generating without waiting for the impact in progress (1…\(Engine.maxGenerationThreads); TorchScript models use 1).",
        valueName: "count")
    private static let setAsideHelp = ArgumentHelp(
        "Impacts in progress each generation thread may set aside so that a regenerate starts at once even while every thread is busy; each costs one more model copy (0…\(Engine.maxSetAsideImpactsPerThread); 0 waits for the impact in progress).",
        valueName: "count")

    @Option(name: .customLong("generation-threads"), parsing: .unconditional, help: threadsHelp)
    var threads = 2

    @Option(name: .customLong("set-aside"), parsing: .unconditional, help: setAsideHelp)
    var setAside = Engine.Configuration().setAsideImpactsPerThread

    func validate() throws {
        try Self.require(threads, in: 1...Engine.maxGenerationThreads, option: "--generation-threads")
        try Self.require(setAside, in: 0...Engine.maxSetAsideImpactsPerThread, option: "--set-aside")
    }

    private static func require(_ value: Int, in range: ClosedRange<Int>, option: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be \(range.lowerBound)…\(range.upperBound), got \(value)")
        }
    }
}
