import ArgumentParser
import Foundation
import NeuroAudio
import NeuroCore
import NeuroHardware
#if canImport(Glibc)
import Glibc
#endif

/// `neurorack-run soak`: `play` for minutes under load, to prove the real-time path holds.
///
/// Triggers every 100 ms with CV and morph sweeps and a regenerate every fourth trigger, while a
/// thread spins on the other core; the status line reports xruns, underruns (gaps from late
/// chunks), late starts (gates on an impact whose first chunk is not final yet), the
/// longest render against the period, allocations on the audio thread and model failures,
/// every second and at the end.
struct SoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Play for minutes under load (triggers every 100 ms, CV sweeps, a CPU hog) and report glitches.",
        discussion: """
            The output is a JACK server when one answers (--server), else a null output paced like \
            a sound card. The goal is 0 xruns, 0 underruns, 0 late periods, 0 audio-thread \
            allocations, 0 model failures. Allocations are counted by restarting with \
            libNeuroAllocationCounter.so (built next to neurorack-run by `swift build`) preloaded.
            """)

    @Option(parsing: .unconditional, help: "How long to play, in minutes.")
    var minutes: Double = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between triggers.", valueName: "seconds"))
    var triggerEvery = 0.1

    @Option(help: ArgumentHelp("The JACK server (default: $JACK_DEFAULT_SERVER, else default).", valueName: "name"))
    var server: String?

    @Flag(inversion: .prefixedNo, help: "Run a thread that keeps another core busy.")
    var hog = true

    @Flag(inversion: .prefixedNo, help: "Count allocations on the audio thread (restarts with the counter preloaded).")
    var countAllocations = true

    /// `--model` and `--config`.
    @OptionGroup var model: ModelOptions

    @OptionGroup var generation: GenerationOptions

    func validate() throws {
        guard minutes.isFinite, minutes > 0, minutes <= 24 * 60 else { throw ValidationError("--minutes must be 0…1440, got \(minutes)") }
    }

    func run() async throws {
        if countAllocations, !AudioThreadAllocations.isCounting { restartWithAllocationCounter() }
        let jackAnswers = (try? JACKClient(name: "neurorack-soak-probe", server: server)) != nil
        var arguments = ["--backend", jackAnswers ? "jack" : "null", "--duration", "\(minutes * 60)", "--trigger-every", "\(triggerEvery)", "--sweep-controls", "--no-auto-connect"]
        arguments += server.map { ["--server", $0] } ?? []
        arguments += model.nameOrPath.map { ["--model", $0] } ?? []
        arguments += model.config.map { ["--config", $0] } ?? []
        arguments += ["--generation-threads", "\(generation.threads)", "--set-aside", "\(generation.setAside)"]
        let play = try PlayCommand.parse(arguments)
        let hogThread = WorkerThread(name: "neuro-cpu-hog")
        if hog {
            hogThread.start { worker in
                // Spinning on the stop flag keeps the core busy.
                while !worker.isStopRequested {}
            }
        }
        defer { hogThread.stop() }
        try await play.run()
    }

    /// Replaces the process by itself with the allocation counter preloaded; returns (with a
    /// warning) when the library is missing or the restart did not load it.
    private func restartWithAllocationCounter() {
        let guardVariable = "NEURORACK_ALLOCATION_COUNTER_TRIED"
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let library = executable.deletingLastPathComponent().appendingPathComponent(AudioThreadAllocations.libraryName).path
        guard FileManager.default.fileExists(atPath: library) else {
            StandardError.write(line: "warning: audio-thread allocations not counted: \(library) is missing (swift build -c release builds it)")
            return
        }
        guard getenv(guardVariable) == nil else {
            StandardError.write(line: "warning: audio-thread allocations not counted: preloading \(library) did not take effect")
            return
        }
        let preload = getenv("LD_PRELOAD").map { String(cString: $0) + ":" } ?? ""
        setenv("LD_PRELOAD", preload + library, 1)
        setenv(guardVariable, "1", 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv(executable.path, arguments)
        StandardError.write(line: "warning: audio-thread allocations not counted: cannot restart \(executable.path) (errno \(errno))")
    }
}
