import Foundation
import NeuroCore

/// Powers the module down or restarts it, for the menu's Shutdown and Reboot items.
public protocol PowerControl: Sendable {
    /// Carries out `action`, which the user confirmed.
    func perform(_ action: PowerAction) throws(NeuroError)
}

/// What the menu's System page asks of the machine.
public enum PowerAction: String, Sendable, Equatable {
    /// `systemctl poweroff`.
    case shutdown = "poweroff"
    /// `systemctl reboot`.
    case reboot
}

/// Asks systemd through `systemctl` (the unit in deploy/ allows it for the service's user).
public struct SystemctlPowerControl: PowerControl {
    /// The systemctl binary.
    public var executable: URL

    /// Uses `/usr/bin/systemctl` unless told otherwise.
    public init(executable: URL = URL(fileURLWithPath: "/usr/bin/systemctl")) {
        self.executable = executable
    }

    /// Runs `systemctl poweroff` or `systemctl reboot` and waits for it.
    ///
    /// - Throws: `.unavailable` when systemctl cannot be started or refuses.
    public func perform(_ action: PowerAction) throws(NeuroError) {
        let process = Process()
        process.executableURL = executable
        process.arguments = [action.rawValue]
        do {
            try process.run()
        } catch {
            throw NeuroError(.unavailable, "\(executable.path) \(action.rawValue): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NeuroError(.unavailable, "\(executable.path) \(action.rawValue) exited with status \(process.terminationStatus)")
        }
    }
}
