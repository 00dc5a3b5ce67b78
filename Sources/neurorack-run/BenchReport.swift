import Foundation
import NeuroNSF

/// The measurements of one `bench` run and their text and JSON forms.
struct BenchReport: Codable {
    /// Kernel-level throughput at one thread count.
    struct KernelRun: Codable {
        var threads: Int
        /// The multiply-add peak of all `threads` cores together, measured in the same run.
        var peakGFLOPS: Double
        /// The conv layers' throughput.
        var convGFLOPS: Double
        /// `convGFLOPS` as a percentage of `peakGFLOPS`.
        var percentOfPeak: Double { 100 * convGFLOPS / peakGFLOPS }
    }

    var frames: Int
    var instructionSet: String
    var kernelRuns: [KernelRun] = []

    init(frames: Int, instructionSet: KernelInstructionSet) {
        self.frames = frames
        self.instructionSet = instructionSet.description
    }

    /// A human-readable table.
    var table: String {
        var lines = ["NSF engine benchmark: \(frames) frames, kernels: \(instructionSet)"]
        lines.append("threads  FMA peak GFLOP/s  conv GFLOP/s  % of peak")
        for run in kernelRuns {
            lines.append(
                "\(pad(run.threads, 7))  \(pad(run.peakGFLOPS, 16))  \(pad(run.convGFLOPS, 12))  \(pad(run.percentOfPeak, 9))")
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object with every measurement.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - String(value).count)) + String(value)
    }

    private func pad(_ value: Double, _ width: Int) -> String {
        let text = String(format: "%.1f", value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
