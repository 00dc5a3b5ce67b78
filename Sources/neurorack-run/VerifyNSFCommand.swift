import ArgumentParser
import Foundation
import NeuroNSF
import NeuroCore

/// `neurorack-run verify-nsf`: runs a reference fixture through the Swift NSF and compares every
/// intermediate tensor with PyTorch's.
///
/// Prints one line `NAME rel_l2=X max_abs=Y` per tensor the fixture holds, then `max rel_l2=X`;
/// exits 1 when the output waveform's relative L2 error exceeds 1e-4.
struct VerifyNSFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-nsf",
        abstract: "Check the Swift NSF against a PyTorch reference fixture (../shared/neurorack format).")

    @Option(help: "NSF weights (.safetensors, PyTorch state-dict names).")
    var weights: String

    @Option(help: "The model config in the architecture.json format.")
    var architecture: String

    @Option(help: "The fixture (.safetensors): features, rand_ini, randn_sine, randn_noise and reference tensors.")
    var fixture: String

    @Option(help: "Threads sharing each convolution layer.")
    var threads: Int = 1

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1…64, got \(threads)") }
    }

    func run() throws {
        do {
            let model = try NSFModel(
                weights: URL(fileURLWithPath: weights), config: URL(fileURLWithPath: architecture), threadCount: threads)
            let reference = try NSFFixture(
                contentsOf: URL(fileURLWithPath: fixture), samplesPerFrame: model.samplesPerFrame,
                sineCount: model.config.sineCount)
            let start = ContinuousClock.now
            let report = try NSFVerificationReport(model: model, fixture: reference)
            let elapsed = ContinuousClock.now - start
            for line in report.lines {
                print(line)
            }
            FileHandle.standardError.write(Data("forward pass of \(reference.frames.count) frames: \(elapsed)\n".utf8))
            guard let output = report.outputRelativeL2 else {
                throw NeuroError(.invalidData, "\(fixture): no \"output\" tensor to compare")
            }
            if !report.passes {
                FileHandle.standardError.write(
                    Data("output rel_l2 \(output) exceeds \(NSFVerificationReport.outputTolerance)\n".utf8))
                throw ExitCode(1)
            }
        } catch let error as NeuroError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}
