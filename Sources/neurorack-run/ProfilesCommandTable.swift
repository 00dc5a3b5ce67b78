import Foundation
import NeuroCore

/// The table `neurorack-run profiles` prints: one line per profile with its length, loudest
/// frame, median pitch and provenance.
struct ProfilesCommandTable {
    /// The rows, in library order.
    let entries: [ProfileLibrary.Entry]

    /// The whole table, newline-terminated.
    var text: String {
        let header = pad("NAME", 20) + padLeft("FRAMES", 7) + padLeft("SECONDS", 9) + padLeft("PEAK RMS", 10)
            + padLeft("MEDIAN F0", 11) + "  SOURCE (LICENCE)"
        let rows = entries.map { entry in
            let profile = entry.profile
            let seconds = Double(profile.frames.count * profile.hop) / Double(profile.sampleRate)
            let peak = profile.curve(.rms).max() ?? 0
            return pad(profile.name, 20) + padLeft("\(profile.frames.count)", 7)
                + padLeft(String(format: "%.2f", seconds), 9) + padLeft(String(format: "%.4f", peak), 10)
                + padLeft(String(format: "%.1f Hz", Self.median(profile.curve(.f0))), 11)
                + "  \(entry.kit)/\(entry.source) (\(entry.license))"
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    /// The median of `values` (mean of the two middle values for an even count; 0 when empty).
    static func median(_ values: [Float]) -> Float {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
