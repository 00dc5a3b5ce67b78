import Foundation
import NeuroCore
import Synchronization

/// The temporary files of pending writes, removed if the process is interrupted (SIGINT,
/// SIGTERM, SIGHUP) while any exists; the signal then ends the process as it would have.
///
/// The signals are watched only while a temporary file exists, so a long computation before the
/// write (or `play`, which handles Ctrl-C itself) keeps the usual behaviour.
final class TemporaryFiles: Sendable {
    /// The one registry of the process.
    static let shared = TemporaryFiles()

    private struct State: @unchecked Sendable {
        var paths: Set<String> = []
        var watch: SignalWatch?
    }

    private let state = Mutex(State())

    /// Notes that `path` exists until ``unregister(_:)``; the first one starts the signal watch.
    func register(_ path: String) {
        state.withLock { state in
            state.paths.insert(path)
            if state.watch == nil {
                state.watch = SignalWatch([SIGINT, SIGTERM, SIGHUP]) { [self] signalNumber in interrupted(by: signalNumber) }
            }
        }
    }

    /// Forgets `path` (renamed or removed); the last one ends the signal watch.
    func unregister(_ path: String) {
        state.withLock { state in
            state.paths.remove(path)
            guard state.paths.isEmpty else { return }
            state.watch?.stop()
            state.watch = nil
        }
    }

    /// Removes every temporary file, then lets `signalNumber` end the process.
    private func interrupted(by signalNumber: Int32) {
        state.withLock { state in
            for path in state.paths { unlink(path) }
            state.paths.removeAll()
        }
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }
}
