import ArgumentParser
import Foundation
import NeuroCore
import NeuroHardware

/// `neurorack-run soak`: `play` for minutes under load, to prove the real-time path holds.
///
/// Triggers every 100 ms with CV and morph sweeps and a regenerate every fourth trigger, while a
/// thread spins on the other core; the status line reports xruns, underruns (late chunks), the
/// longest render against the period and model failures, every second and at the end.
struct SoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Play for minutes under load (triggers every 100 ms, CV sweeps, a CPU hog) and report glitches.",
        discussion: """
            The output is a JACK server when one answers (--server), else a null output paced like \
            a sound card. The goal is 0 xruns, 0 underruns, 0 late periods, 0 model failures. \
            Allocations on the audio thread are not counted here: the benchmarks prove 0 mallocs \
            per render call (Benchmarks/, checked in CI).
            """)

    @Option(parsing: .unconditional, help: "How long to play, in minutes.")
    var minutes: Double = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between triggers.", valueName: "seconds"))
    var triggerEvery = 0.1

    @Option(help: ArgumentHelp("The JACK server (default: $JACK_DEFAULT_SERVER, else default).", valueName: "name"))
    var server: String?

    @Flag(inversion: .prefixedNo, help: "Run a thread that keeps another core busy.")
    var hog = true

    /// `--model` and `--config`.
    @OptionGroup var model: ModelOptions

    func validate() throws {
        guard minutes.isFinite, minutes > 0, minutes <= 24 * 60 else { throw ValidationError("--minutes must be 0…1440, got \(minutes)") }
    }

    func run() async throws {
        let jackAnswers = (try? JACKClient(name: "neurorack-soak-probe", server: server)) != nil
        var arguments = ["--backend", jackAnswers ? "jack" : "null", "--duration", "\(minutes * 60)", "--trigger-every", "\(triggerEvery)", "--sweep-controls", "--no-auto-connect"]
        arguments += server.map { ["--server", $0] } ?? []
        arguments += model.nameOrPath.map { ["--model", $0] } ?? []
        arguments += model.config.map { ["--config", $0] } ?? []
        var play = try PlayCommand.parse(arguments)
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
}
