import Foundation
import Synchronization

/// A real JACK server on the dummy backend (no sound hardware: ../shared/RECIPES.md F), started
/// once for the test process at 48 kHz with 256-frame periods and stopped when the process exits.
/// Tests name it explicitly (``name``), so nothing depends on `$JACK_DEFAULT_SERVER`.
public enum JACKTestServer {
    /// Where Debian's jackd2 installs the server.
    static let executable = "/usr/bin/jackd"
    /// The server's name, unique per test process.
    public static let name = "neurorack-test-\(getpid())"
    private static let state = Mutex<(pid: Int32, isReady: Bool)>((0, false))

    /// Whether jackd is installed (`apt-get install jackd2`).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Starts the server unless it runs, and waits until `isReady` (a client can connect) says so.
    ///
    /// - Throws: when it cannot start or does not come up within 10 s.
    public static func start(isReady: () -> Bool) throws {
        try state.withLock { state in
            if state.isReady { return }
            if state.pid == 0 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = ["-n", name, "--no-realtime", "-d", "dummy", "-r", "48000", "-p", "256"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                state.pid = process.processIdentifier
                atexit { kill(JACKTestServer.state.withLock { $0.pid }, SIGTERM) }
            }
            for _ in 0..<100 {
                if isReady() {
                    state.isReady = true
                    return
                }
                usleep(100_000)
            }
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "jackd -n \(name) did not come up within 10 s"])
        }
    }
}
