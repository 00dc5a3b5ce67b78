@testable import neurorack_run

/// Runs `neurorack-run` in-process with `arguments`, exactly as its `main` does, and returns how
/// it failed, or `nil` when it succeeded. (A help or version request would exit the test process.)
func runCommandLine(_ arguments: [String]) async -> CommandFailure? {
    await NeurorackRun.execute(arguments)
}
