import ArgumentParser
import Foundation
import NeuroNSF
import NeuroCore

/// `neurorack-run verify-nsf`: runs a reference fixture through the Swift NSF and compares every
/// intermediate tensor with PyTorch's.
///
/// Prints one line `NAME rel_l2=X max_abs=Y` per tensor the fixture holds, then `max rel_l2=X`;
/// exits 1 when the output waveform's relative L2 error exceeds 1e-4. Errors of the model options,
/// the model or the fixture end the command like every other (``CommandFailure``).
struct VerifyNSFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-nsf",
        abstract: "Check the Swift NSF against a PyTorch reference fixture (../shared/neurorack format).",
        discussion: """
            The model is an NSF model: --model PATH of safetensors weights (with --config FILE \
            when the architecture JSON is not next to them), or the bundled \(ModelRegistry.defaultName) \
            model, whose fixture is Tests/NeuroNSFTests/Fixtures/default_fixture.safetensors. \
            Exits 1 when the output waveform's relative L2 error exceeds 1e-4.
            """)

    /// `--model` and `--config`: the NSF model to check (default: the bundled neural model).
    @OptionGroup var model: ModelOptions

    @Option(help: "The fixture (.safetensors): features, rand_ini, randn_sine, randn_noise and reference tensors.")
    var fixture: String

    @Option(parsing: .unconditional, help: "Threads sharing the model's work, shared as in generation (NSFThreadSharing).")
    var threads: Int = 1

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1…64, got \(threads)") }
    }

    func run() throws {
        let nsf = try model.loadNSF(threadCount: threads, purpose: "verify-nsf checks NSF models")
        let reference = try NSFFixture(
            contentsOf: URL(fileURLWithPath: fixture), samplesPerFrame: nsf.samplesPerFrame, sineCount: nsf.config.sineCount)
        let start = ContinuousClock.now
        let report = try NSFVerificationReport(model: nsf, fixture: reference)
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
    }
}
