import ArgumentParser
import Foundation
import NeuroTorch

/// `neurorack-run torch-preflight FILE` (hidden): loads a TorchScript file and exits 0, or exits
/// 65 with libtorch's error; ``TorchPreflight`` runs it in a child process so that a crash
/// inside libtorch ends the child, not the command that wants the file. A crash leaves no core file.
struct TorchPreflightCommand: ParsableCommand {
    /// The subcommand's name, as ``TorchPreflight`` spawns it.
    static let name = "torch-preflight"

    static let configuration = CommandConfiguration(
        commandName: name,
        abstract: "Load a TorchScript file and exit (run by neurorack-run itself in a child process).",
        shouldDisplay: false)

    @Argument(help: "The TorchScript file.")
    var file: String

    func run() throws {
        var noCoreFile = rlimit(rlim_cur: 0, rlim_max: 0)
        #if canImport(Glibc)
        setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCoreFile)
        #else
        setrlimit(RLIMIT_CORE, &noCoreFile)
        #endif
        _ = try TorchModule(path: file)
    }
}
