import Foundation
import NeuroCore
import NeuroHardware
import NeuroTestSupport
import Testing
@testable import neurorack_run

@Suite struct PlayCommandTests {
    @Test func headlessNullOutputPlaysTimedTriggersAndStops() async {
        #expect(await runCommandLine(["play", "--backend", "null", "--model", "modal", "--duration", "0.4", "--trigger-every", "0.1"]) == nil)
    }

    @Test func oscCommandsAndGarbageWhilePlayingNeitherCrashNorStopIt() async throws {
        let port = try OSCServer(port: 0).port
        async let result = runCommandLine([
            "play", "--backend", "null", "--model", "modal", "--duration", "1", "--osc-port", "\(port)",
        ])
        try await Task.sleep(for: .milliseconds(400))
        OSCTestClient.send([
            OSCMessage(address: "/neurorack/play", arguments: [.float(0.8), .int(5)]).encoded, [0xFF, 0, 1],
            OSCMessage(address: "/neurorack/profile", arguments: [.string("snare")]).encoded,
            OSCMessage(address: "/neurorack/profile", arguments: [.string("no-such-profile")]).encoded,
            OSCMessage(address: "/neurorack/model", arguments: [.string("neural")]).encoded,
            OSCMessage(address: "/neurorack/cv", arguments: [.int(4), .float(2)]).encoded,
        ], to: port)
        #expect(await result == nil)
    }

    @Test(.enabled(if: JACKTestServer.isInstalled, "jackd is not installed (apt-get install jackd2)"))
    func aMissingJACKServerIsAOneLineError() async {
        let jack = await runCommandLine(["play", "--backend", "jack", "--server", "neurorack-no-such-server", "--duration", "0.1"])
        #expect(jack?.exitCode == 69)
        #expect(jack?.line?.hasPrefix("error: no JACK server 'neurorack-no-such-server' answers") == true)
    }

    /// Without jackd the library is usually missing too (else, as with PipeWire's libjack alone, no server answers).
    @Test(.enabled(if: !JACKTestServer.isInstalled, "jackd is installed: the missing-library error cannot be provoked"))
    func aMissingJACKLibraryIsAOneLineError() async {
        let jack = await runCommandLine(["play", "--backend", "jack", "--server", "neurorack-no-such-server", "--duration", "0.1"])
        #expect(jack?.exitCode == 69)
        let line = jack?.line ?? ""
        #expect(line.contains("libjack.so.0 not available") || line.hasPrefix("error: no JACK server"), "\(line)")
    }

    @Test func aMissingALSADeviceIsAOneLineError() async {
        let alsa = await runCommandLine(["play", "--backend", "alsa", "--device", "hw:9", "--duration", "0.1"])
        #expect(alsa?.exitCode == 66)
        #expect(alsa?.line?.contains("--list-devices") == true)
    }

    @Test func badOptionsAreUsageErrors() async {
        for arguments in [["--channels", "3"], ["--period", "4"], ["--trigger-every", "0"], ["--duration", "-1"], ["--backend", "oss"], ["--generation-threads", "0"], ["--generation-threads", "17"], ["--set-aside", "-1"], ["--set-aside", "9"],
                          ["--backend", "null", "--model", "modal", "--latent-depth", "2", "--duration", "0.1"]] {
            #expect(await runCommandLine(["play"] + arguments)?.exitCode == 64, "\(arguments)")
        }
    }

    @Test(.enabled(if: JACKTestServer.isInstalled, "jackd is not installed (apt-get install jackd2)"))
    func playsOnAJACKServer() async throws {
        try JACKTestServer.start { jackAnswers() }
        #expect(await runCommandLine([
            "play", "--backend", "jack", "--server", JACKTestServer.name, "--client-name", "neurorack-cli", "--model", "modal",
            "--duration", "0.5", "--trigger-every", "0.1", "--channels", "2",
        ]) == nil)
    }

    /// Whether `play --list-devices` sees the test server.
    private func jackAnswers() -> Bool {
        PlayCommand.parseOrExit(["--server", JACKTestServer.name]).deviceListing().hasPrefix("JACK server: 48000 Hz")
    }
}
