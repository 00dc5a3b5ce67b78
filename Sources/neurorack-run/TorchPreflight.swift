import Foundation
import NeuroCore
import NeuroTorch

/// Loads a TorchScript file in a child process before this process loads it, so that a file on
/// which libtorch itself crashes (a segmentation fault in its parser) or never finishes fails
/// with an error naming the file (exit 65) instead of taking the command down.
///
/// The child is this executable run as `neurorack-run torch-preflight FILE`
/// (``TorchPreflightCommand``): it loads the file and exits 0, or exits 65 with libtorch's error,
/// which the parent then reports as its own. The child is killed after ``timeout``. Every
/// command that takes `--model FILE.ts` goes through ``check(_:)``: the TorchScript loader of
/// ``ModelRegistry`` (`render`, `play`, `module`, `soak`, `latency`, `models --model`) and
/// ``TorchLatents/checkedPath(_:purpose:)`` (`models inspect`, `verify-torch`, `render --input`,
/// `describe --latents`). `NEURORACK_TORCH_PREFLIGHT=0` loads without it;
/// `NEURORACK_TORCH_PREFLIGHT_TIMEOUT` sets the limit in seconds (default 60).
struct TorchPreflight: Sendable {
    /// The environment variable that turns the preflight off with `0`, `off` or `no`.
    static let switchVariable = "NEURORACK_TORCH_PREFLIGHT"
    /// The environment variable that sets ``timeout`` in seconds.
    static let timeoutVariable = "NEURORACK_TORCH_PREFLIGHT_TIMEOUT"
    /// The limit when ``timeoutVariable`` is not set.
    static let defaultTimeout = Duration.seconds(60)

    /// The `neurorack-run` executable the child runs.
    var executable: URL
    /// How long the child may take to load the file before it is killed.
    var timeout: Duration

    /// Checks `path` in a child process when the preflight applies: a build with the Torch
    /// trait, an existing file, and the preflight not turned off by ``switchVariable`` (for
    /// anything else, the in-process load gives the error).
    ///
    /// - Throws: `.usage` for a malformed ``timeoutVariable``, then the errors of ``check(_:)``.
    static func check(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(NeuroError) {
        guard TorchModule.isAvailable, FileManager.default.fileExists(atPath: path),
              !["0", "off", "no"].contains(environment[switchVariable]?.lowercased() ?? "")
        else { return }
        try TorchPreflight(executable: ownExecutable(), timeout: timeout(in: environment)).check(path)
    }

    /// The limit ``timeoutVariable`` of `environment` states, else ``defaultTimeout``.
    ///
    /// - Throws: `.usage` when it is not a number of seconds above 0.
    static func timeout(in environment: [String: String]) throws(NeuroError) -> Duration {
        guard let text = environment[timeoutVariable] else { return defaultTimeout }
        guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
            throw NeuroError(.usage, "\(timeoutVariable)=\(text): expected seconds, above 0 and at most 86400")
        }
        return .milliseconds(max(1, Int((seconds * 1000).rounded())))
    }

    /// This process's executable; inside SwiftPM's test runner (an `.xctest` file), the
    /// `neurorack-run` built next to it.
    static func ownExecutable() -> URL {
        let own = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        guard own.pathExtension == "xctest" else { return own }
        return own.deletingLastPathComponent().appendingPathComponent("neurorack-run")
    }

    /// Loads `path` in a child process and returns when it loaded there.
    ///
    /// - Throws: `.invalidData` naming `path` when libtorch crashed in the child (the signal
    ///   named), when the child did not finish within ``timeout``, or with the child's own error
    ///   when the file does not load; `.unavailable` when the child cannot be started.
    func check(_ path: String) throws(NeuroError) {
        let process = Process()
        process.executableURL = executable
        process.arguments = [TorchPreflightCommand.name, path]
        // Swift's backtracer would symbolicate a crash for seconds and could fill the pipe.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw NeuroError(
                .unavailable,
                "\(path): cannot start \(executable.path) to check the TorchScript file in a child process: "
                    + "\(error.localizedDescription) (\(Self.switchVariable)=0 loads it without this check)")
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw NeuroError(
                .invalidData,
                "\(path): libtorch did not finish loading this TorchScript archive within \(Self.format(seconds)) s "
                    + "(\(Self.timeoutVariable) sets the limit); the file is corrupt or not a TorchScript export")
        }
        let output = (try? errors.fileHandleForReading.read(upToCount: 4096)) ?? Data()
        try Self.outcome(
            of: path, signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil,
            status: process.terminationStatus, errorOutput: String(decoding: output, as: UTF8.self))
    }

    /// What a child's end means for `path`: nothing when it exited 0.
    ///
    /// - Parameters:
    ///   - signal: the signal that killed the child, or `nil` when it exited.
    ///   - status: its exit status.
    ///   - errorOutput: what it wrote on standard error (`error: …` when the load failed).
    /// - Throws: `.invalidData` naming `path`: libtorch crashed with `signal`, or the child's error.
    static func outcome(of path: String, signal: Int32?, status: Int32, errorOutput: String) throws(NeuroError) {
        if let signal {
            throw NeuroError(
                .invalidData,
                "\(path): libtorch crashed (\(signalDescription(signal))) while loading this TorchScript archive; "
                    + "the file is corrupt or not a TorchScript export")
        }
        guard status != 0 else { return }
        let line = errorOutput.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        let message = line.hasPrefix("error: ") ? String(line.dropFirst("error: ".count)) : line
        throw NeuroError(.invalidData, message.isEmpty ? "\(path): the TorchScript preflight exited with status \(status)" : message)
    }

    /// `signal 11, SIGSEGV`: the number and, for the signals a crash raises, the name.
    static func signalDescription(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGFPE: "SIGFPE",
            SIGKILL: "SIGKILL", SIGTRAP: "SIGTRAP", SIGTERM: "SIGTERM",
        ]
        return "signal \(signal)" + (names[signal].map { ", \($0)" } ?? "")
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.3g", seconds)
    }
}
