import Foundation
import NeuroCore
import NeuroTestSupport
import NeuroTorch
import Testing
@testable import neurorack_run

/// The TorchScript preflight: a file on which libtorch itself crashes fails with exit 65 naming
/// it, and the command's own process survives.
extension TorchCommandsTests {
    private static let crashMessage = "libtorch crashed (signal 11, SIGSEGV) while loading this TorchScript archive"

    @Test func aFileThatCrashesLibtorchIsExit65NamingIt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.file("out.wav").path
        let commands = [
            ["render", "--model", TorchTestModels.libtorchCrash, "--out", out],
            ["models", "inspect", TorchTestModels.libtorchCrash],
            ["verify-torch", "--model", TorchTestModels.libtorchCrash, "--fixture", TorchTestModels.codecFixture],
            ["play", "--backend", "null", "--model", TorchTestModels.libtorchCrash, "--duration", "0.1"],
        ]
        for command in commands {
            let failure = await runCommandLine(command)
            #expect(failure?.exitCode == 65, "\(command)")
            #expect(failure?.line == "error: \(TorchTestModels.libtorchCrash): \(Self.crashMessage); the file is corrupt or not a TorchScript export", "\(command)")
        }
        #expect(try directory.entries().isEmpty, "no output file")
    }

    @Test func theExecutableItselfExits65OnTheCrashingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let process = Process()
        process.executableURL = TorchPreflight.ownExecutable()
        process.arguments = ["render", "--model", TorchTestModels.libtorchCrash, "--out", directory.file("out.wav").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 65)
        #expect(output.contains(Self.crashMessage))
    }

    @Test func aLoadableFilePassesAndALoadErrorIsTheChildsMessage() throws {
        let preflight = TorchPreflight(executable: TorchPreflight.ownExecutable(), timeout: .seconds(600))
        try preflight.check(TorchTestModels.codec)
        let inProcess = #expect(throws: NeuroError.self) { _ = try TorchModule(path: TorchTestModels.truncated) }
        let child = #expect(throws: NeuroError.self) { try preflight.check(TorchTestModels.truncated) }
        #expect(child?.kind == .invalidData)
        #expect(child?.message == inProcess?.message)
    }

    @Test func aChildThatDoesNotFinishInTimeIsKilledAndExit65() {
        let preflight = TorchPreflight(executable: TorchPreflight.ownExecutable(), timeout: .milliseconds(1))
        let error = #expect(throws: NeuroError.self) { try preflight.check(TorchTestModels.codec) }
        #expect(error?.kind == .invalidData)
        #expect(error?.message.hasPrefix("\(TorchTestModels.codec): libtorch did not finish loading this TorchScript archive within 0.001 s") == true)
    }

    @Test func theEnvironmentTurnsItOffOrSetsTheLimit() throws {
        try TorchPreflight.check(TorchTestModels.libtorchCrash, environment: [TorchPreflight.switchVariable: "0"])
        #expect(try TorchPreflight.timeout(in: [:]) == TorchPreflight.defaultTimeout)
        #expect(try TorchPreflight.timeout(in: [TorchPreflight.timeoutVariable: "2.5"]) == .milliseconds(2500))
        for bad in ["0", "-1", "nan", "soon", "1e9"] {
            let error = #expect(throws: NeuroError.self) { try TorchPreflight.timeout(in: [TorchPreflight.timeoutVariable: bad]) }
            #expect(error?.kind == .usage, "\(bad)")
        }
    }

    @Test func theChildsEndIsReadAsASignalAnExitStatusOrSuccess() throws {
        try TorchPreflight.outcome(of: "m.ts", signal: nil, status: 0, errorOutput: "")
        let abort = #expect(throws: NeuroError.self) { try TorchPreflight.outcome(of: "m.ts", signal: SIGABRT, status: SIGABRT, errorOutput: "") }
        #expect(abort?.message.hasPrefix("m.ts: libtorch crashed (signal 6, SIGABRT)") == true)
        let failed = #expect(throws: NeuroError.self) {
            try TorchPreflight.outcome(of: "m.ts", signal: nil, status: 65, errorOutput: "warning\nerror: m.ts: not a loadable TorchScript file: x\n")
        }
        #expect(failed?.message == "m.ts: not a loadable TorchScript file: x")
        let silent = #expect(throws: NeuroError.self) { try TorchPreflight.outcome(of: "m.ts", signal: nil, status: 70, errorOutput: "") }
        #expect(silent?.message == "m.ts: the TorchScript preflight exited with status 70")
        #expect(TorchPreflight.signalDescription(64) == "signal 64")
    }
}
