import ArgumentParser
import Foundation
import NeuroCore
import NeuroSafeTensors
import NeuroTorch

/// `neurorack-run verify-torch`: runs a TorchScript model's methods on a fixture's input and
/// compares them with the reference outputs PyTorch computed.
///
/// Prints `METHOD rel_l2=X max_abs=Y` per method the fixture holds, then `max rel_l2=X`; exits 1
/// when any relative L2 error exceeds 1e-4.
struct VerifyTorchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-torch",
        abstract: "Check a TorchScript model against reference outputs computed in PyTorch (needs --traits Torch).",
        discussion: """
            The fixture (.safetensors) holds input ([1, in_channels, N] float32) and any of encode, \
            decode and forward: the outputs of encode(input), decode(<the encode tensor>) and \
            forward(input), each computed right after torch.manual_seed(seed), with seed in the \
            safetensors metadata. Each method runs here the same way, from the buffers as loaded. \
            scripts/torch/make_test_models.py shows how to write one. Exits 1 when any relative L2 \
            error exceeds 1e-4.
            """)

    @Option(help: ArgumentHelp("The TorchScript model.", valueName: "file.ts"), completion: .file(extensions: ["ts"]))
    var model: String

    @Option(help: ArgumentHelp("The fixture: input and the reference outputs, seed in the metadata.", valueName: "file.safetensors"),
            completion: .file(extensions: ["safetensors"]))
    var fixture: String

    @Option(parsing: .unconditional, help: "Threads libtorch computes each call with.")
    var threads: Int = 1

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1…64, got \(threads)") }
    }

    func run() throws {
        let module = try TorchLatents.module(model, purpose: "verify-torch", threadCount: threads)
        let reference = try SafeTensorsFile(contentsOf: URL(fileURLWithPath: fixture))
        let report = try TorchVerificationReport(module: module, fixture: reference)
        for line in report.lines {
            print(line)
        }
        if !report.passes {
            FileHandle.standardError.write(
                Data("max rel_l2 \(report.maxRelativeL2) exceeds \(TorchVerificationReport.tolerance)\n".utf8))
            throw ExitCode(1)
        }
    }
}
