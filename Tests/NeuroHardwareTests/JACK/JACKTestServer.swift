import Foundation
import NeuroCore
@testable import NeuroHardware
import Synchronization

/// A real JACK server on the dummy backend (no sound hardware: ../shared/RECIPES.md F), started
/// once for the test process at 48 kHz with 256-frame periods and stopped when the process exits.
enum JACKTestServer {
    /// Where Debian's jackd2 installs the server.
    static let executable = "/usr/bin/jackd"
    /// The server's name (unique per test process), exported as `JACK_DEFAULT_SERVER`.
    static let name = "neurorack-test-\(getpid())"
    private static let pid = Atomic<Int32>(0)

    /// Whether jackd is installed (`apt-get install jackd2`).
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Starts the server unless it runs, and waits until a client can connect.
    ///
    /// - Throws: when it does not come up within 10 s.
    static func start() throws {
        setenv("JACK_DEFAULT_SERVER", name, 1)
        if pid.load(ordering: .acquiring) != 0 { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-n", name, "--no-realtime", "-d", "dummy", "-r", "48000", "-p", "256"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        pid.store(process.processIdentifier, ordering: .releasing)
        atexit { kill(JACKTestServer.pid.load(ordering: .acquiring), SIGTERM) }
        for _ in 0..<100 {
            if (try? JACKClient(name: "neurorack-test-ping")) != nil { return }
            usleep(100_000)
        }
        throw NeuroError(.unavailable, "jackd -n \(name) did not come up within 10 s")
    }
}
