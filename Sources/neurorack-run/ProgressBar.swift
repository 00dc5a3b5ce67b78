import Foundation
import NeuroCore

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
struct ProgressBar {
    /// The characters of the bar between the brackets.
    private static let width = 30

    private let label: String
    private let isVisible: Bool
    private var drawnPercent = -1

    /// A bar titled `label`, visible when standard error is a TTY.
    init(label: String) {
        self.label = label
        isVisible = isatty(STDERR_FILENO) == 1
    }

    /// Redraws the bar at `fraction` (0…1) when the whole percentage changed.
    mutating func update(_ fraction: Double) {
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard isVisible, percent != drawnPercent else { return }
        drawnPercent = percent
        let filled = percent * Self.width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: Self.width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)%".utf8))
    }

    /// Ends the line the bar was drawn on.
    func finish() {
        guard isVisible, drawnPercent >= 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
