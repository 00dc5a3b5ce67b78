import ArgumentParser
import Foundation
import NeuroCore

/// How a failed command ends: the exit code and the one line printed on standard error.
///
/// ``NeuroError``s exit with their sysexits(3) code (64 usage, 65 bad data, 66 missing input…);
/// ArgumentParser's own parse and validation errors exit 64 like other usage errors; an
/// ``ExitCode`` thrown by a command passes through unchanged (the command has already said
/// why); any other error exits 70 (internal software error).
struct CommandFailure: Equatable {
    /// The process exit status.
    var exitCode: Int32
    /// The line for standard error (`error: …`), or `nil` when there is nothing more to print.
    var line: String?

    /// The failure for `error`, or `nil` when ArgumentParser must handle it itself (help, version).
    init?(_ error: any Error) {
        switch error {
        case let error as NeuroError:
            self.init(exitCode: error.exitCode, line: "error: \(error.message)")
        case let code as ExitCode:
            guard !code.isSuccess else { return nil }
            self.init(exitCode: code.rawValue, line: nil)
        default:
            let parserCode = NeurorackRun.exitCode(for: error)
            guard !parserCode.isSuccess else { return nil }
            let message = NeurorackRun.message(for: error)
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            let isUsage = parserCode == .validationFailure
            self.init(exitCode: isUsage ? NeuroError(.usage, "").exitCode : 70, line: "error: \(message)")
        }
    }

    private init(exitCode: Int32, line: String?) {
        self.exitCode = exitCode
        self.line = line
    }
}

extension NeurorackRun {
    /// Parses the command line, runs the command, and ends the process with ``CommandFailure``'s
    /// exit code and single error line when it fails.
    static func main() async {
        guard let failure = await execute(nil) else { return }
        if let line = failure.line {
            StandardError.write(line: line)
        }
        Foundation.exit(failure.exitCode)
    }

    /// Parses `arguments` (`nil`: the process's own), runs the command, and returns how it
    /// failed, or `nil` when it succeeded. Help and version requests print and exit from here,
    /// as ArgumentParser does.
    static func execute(_ arguments: [String]?) async -> CommandFailure? {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            try flushStandardOutput()
            return nil
        } catch {
            guard let failure = CommandFailure(error) else { exit(withError: error) }
            return failure
        }
    }

    /// Pushes buffered standard output out, so that a full disk, `/dev/full` or a closed
    /// standard output is an error (exit 73) instead of a truncated result and exit 0.
    ///
    /// - Throws: `.cannotWrite` with the system's reason.
    static func flushStandardOutput() throws(NeuroError) {
        guard fflush(standardOutputStream) != 0 || ferror(standardOutputStream) != 0 else { return }
        let reason = String(cString: strerror(errno))
        clearerr(standardOutputStream)
        throw NeuroError(.cannotWrite, "cannot write standard output: \(reason)")
    }
}

/// The C library's standard output stream, which `print` writes through (looked up by symbol:
/// Swift 6 refuses to read the mutable C global `stdout` directly).
private var standardOutputStream: UnsafeMutablePointer<FILE>? {
    unsafe dlsym(UnsafeMutableRawPointer(bitPattern: 0), "stdout")?.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
}
