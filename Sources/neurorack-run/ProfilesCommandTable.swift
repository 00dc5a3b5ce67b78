import Foundation
import NeuroCore
import NeuroFiles
import NeuroProfiles

/// The table `neurorack-run profiles` prints: one line per profile with its length, loudest
/// frame, median pitch and provenance.
struct ProfilesCommandTable {
    /// The rows, in library order.
    let entries: [ProfileLibrary.Entry]

    /// The whole table, newline-terminated.
    var text: String {
        let header = ["NAME", "FRAMES", "SECONDS", "PEAK RMS", "MEDIAN F0", "SOURCE (LICENCE)"]
        let rows = entries.map { entry -> [String] in
            let profile = entry.profile
            let seconds = Double(profile.frames.count * profile.hop) / Double(profile.sampleRate)
            let peak = profile.curve(.rms).max() ?? 0
            return [
                profile.name, "\(profile.frames.count)", String(format: "%.2f", seconds), String(format: "%.4f", peak),
                String(format: "%.1f Hz", Self.median(profile.curve(.f0))), "\(entry.kit)/\(entry.source) (\(entry.license))",
            ]
        }
        return TextTable.lines([header] + rows, leftAligned: [0, header.count - 1]).joined(separator: "\n") + "\n"
    }

    /// The median of `values` (mean of the two middle values for an even count; 0 when empty).
    static func median(_ values: [Float]) -> Float {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
