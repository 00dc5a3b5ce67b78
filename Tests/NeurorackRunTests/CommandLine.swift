import ArgumentParser
@testable import neurorack_run
import NeuroCore

/// Runs `neurorack-run` in-process with `arguments` and returns how it failed, or `nil` when it
/// succeeded (help and version count as success).
func runCommandLine(_ arguments: [String]) async -> CommandFailure? {
    do {
        var command = try NeurorackRun.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
        return nil
    } catch {
        return CommandFailure(error)
    }
}
