import ArgumentParser
import Foundation
import NeuroCore
import NeuroFiles
import NeuroTorch

/// `neurorack-run models inspect FILE.ts`: what a TorchScript file offers under the nn~
/// conventions, and how fast it runs here.
struct ModelsInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a TorchScript model's nn~ methods, params, attributes and speed (needs --traits Torch).",
        discussion: """
            Methods come from get_methods() when the model has it, else the module's methods; each \
            with its <method>_params buffer [in_channels, in_ratio, out_channels, out_ratio]. The \
            attributes are those of get_attributes() with the values of their get_<name>() methods. \
            The sample rate is the sr attribute (else sampling_rate). The speed is measured at load: \
            two warm-up calls (the first is timed), then calls of one engine chunk (16 latent frames of \
            decode, else 4096 samples) over at least a second of audio.
            """)

    @Argument(help: "The TorchScript file.", completion: .file(extensions: ["ts"]))
    var file: String

    @Option(parsing: .unconditional, help: "Threads libtorch computes each call with.")
    var threads: Int = 1

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1…64, got \(threads)") }
    }

    func run() throws {
        let path = try TorchLatents.checkedPath(file, purpose: "models inspect")
        print(Self.report(try TorchInspection(path: path, threadCount: threads), threads: threads), terminator: "")
    }

    /// The printed report of `inspection`.
    static func report(_ inspection: TorchInspection, threads: Int) -> String {
        var lines = ["\(inspection.path): TorchScript, loaded in \(milliseconds(inspection.loadTime))"]
        lines.append("sample rate: " + (inspection.sampleRate.map { "\($0) Hz" } ?? "not stated (sr attribute missing; 44100 Hz assumed)"))
        lines.append("latent size: " + (inspection.latentSize.map(String.init) ?? "-"))
        let rows = inspection.methods.map { method in
            [method.name] + (method.params.map {
                ["\($0.inputChannels)", "\($0.inputRatio)", "\($0.outputChannels)", "\($0.outputRatio)"]
            } ?? ["-", "-", "-", "-"])
        }
        lines += TextTable.lines([["METHOD", "IN_CHANNELS", "IN_RATIO", "OUT_CHANNELS", "OUT_RATIO"]] + rows, leftAligned: [0])
        let attributes = inspection.attributes.map { "\($0.name) = \($0.value ?? "(no getter)")" }
        lines.append("attributes: " + (attributes.isEmpty ? "none" : attributes.joined(separator: ", ")))
        lines.append(
            "streaming state: " + (inspection.stateBufferCount == 0
                ? "none (no buffer changes between calls)"
                : "\(inspection.stateBufferCount) buffer(s) change between calls (cached convolutions), restored at every impact"))
        let rate = inspection.sampleRate ?? 44_100
        if let speed = inspection.speed {
            lines.append(
                "speed: \(speed.method) of \(speed.blockSamples)-sample blocks at \(String(format: "%.1f", speed.realTimeFactor))× real time "
                    + "(\(threads) thread\(threads == 1 ? "" : "s")); first call \(milliseconds(speed.firstCall))")
            lines.append(
                "latency: one block of \(speed.blockSamples) samples (\(String(format: "%.1f", Double(speed.blockSamples) * 1000 / Double(rate))) ms) "
                    + "before its first sample, plus any delay inside the model")
        } else {
            lines.append("speed: not measured (no decode, forward or encode with a _params buffer)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f ms", duration.seconds * 1000)
    }
}
