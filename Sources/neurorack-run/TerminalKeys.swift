#if canImport(Glibc)
import Glibc
#endif
import NeuroCore
import Synchronization

/// What a key does in `play`'s terminal UI.
enum TerminalAction: Equatable {
    /// An engine event.
    case event(ControlEvent)
    /// Move the morph position by this much.
    case morph(by: Float)
    /// Move the volume by this much.
    case volume(by: Float)
    /// The next (`+1`) or previous (`-1`) profile of the list.
    case profile(step: Int)
    /// The next model of the registry.
    case nextModel
    /// End `play`.
    case quit

    /// The keys and what they do, for the help line.
    static let help = "space play · 1–8 play a major scale (f0 transposed) · r regenerate · [ ] morph · - = volume · p P profile · m model · q quit"

    /// The action of `key`, or `nil` for a key that does nothing.
    static func of(_ key: UInt8) -> TerminalAction? {
        let scale: [Float] = [0, 2, 4, 5, 7, 9, 11, 12]
        switch key {
        case UInt8(ascii: " "), 10, 13: return .event(.gatePlay(velocity: 1))
        case UInt8(ascii: "1")...UInt8(ascii: "8"): return .event(.gateNote(velocity: 1, semitones: scale[Int(key - UInt8(ascii: "1"))]))
        case UInt8(ascii: "r"): return .event(.gateRegenerate)
        case UInt8(ascii: "["): return .morph(by: -0.1)
        case UInt8(ascii: "]"): return .morph(by: 0.1)
        case UInt8(ascii: "-"): return .volume(by: -0.1)
        case UInt8(ascii: "="), UInt8(ascii: "+"): return .volume(by: 0.1)
        case UInt8(ascii: "p"): return .profile(step: 1)
        case UInt8(ascii: "P"): return .profile(step: -1)
        case UInt8(ascii: "m"): return .nextModel
        case UInt8(ascii: "q"), 3: return .quit
        default: return nil
        }
    }
}

/// Reads single keys from a terminal on standard input: raw mode (no echo, no line buffering)
/// while it runs, the terminal's own settings restored by ``stop()``, also after Ctrl-C.
final class TerminalKeyReader: @unchecked Sendable {
    private let worker = WorkerThread(name: "neuro-keys")
    private let pending = Mutex<[UInt8]>([])
    private var saved = termios()
    private var isRaw = false

    /// Whether standard input and standard error are terminals (the UI makes sense).
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 }

    /// Switches the terminal to raw mode and starts reading keys.
    func start() {
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        isRaw = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0
        worker.start { [self] worker in
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            var key: UInt8 = 0
            while !worker.isStopRequested {
                guard poll(&descriptor, 1, 100) > 0, read(STDIN_FILENO, &key, 1) == 1 else { continue }
                pending.withLock { $0.append(key) }
            }
        }
    }

    /// The keys pressed since the last call.
    func takeKeys() -> [UInt8] {
        pending.withLock { keys in
            defer { keys.removeAll() }
            return keys
        }
    }

    /// Stops reading and restores the terminal. Idempotent.
    func stop() {
        worker.stop()
        if isRaw {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            isRaw = false
        }
    }
}
