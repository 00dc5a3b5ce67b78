import Foundation
import NeuroCore

extension ControllabilityCase {
    /// Frames below this fraction (−60 dB) of a recording's loudest frame are trimmed at both ends.
    static let recordingTrimFraction: Float = 0.001

    /// The cutoff of the high-pass recordings get before they are measured, as the default model's
    /// training data: 20 Hz (``ZeroPhaseHighPass``).
    public static let recordingHighPassHertz = 20.0

    /// One ``Kind/recording`` case per WAV file of the kit folder `directory` (sorted by name), grouped
    /// under the folder's name: the file's own curves, measured after a zero-phase high-pass at
    /// ``recordingHighPassHertz``, as the original model's features (last frame dropped, NaN → 1),
    /// trimmed to the frames within 60 dB of its loudest one and capped at `maximumFrames`; files
    /// with fewer than `minimumFrames` frames left are skipped.
    ///
    /// This is the kit-split evaluation: pass kits the model was not trained on (e.g. Debian's
    /// `hydrogen-data` GMRockKit and TR808EmulationKit, kept out of training) and the report's groups
    /// show how it does on unseen instruments and recording chains.
    ///
    /// - Throws: `NeuroError` `.missingInput` when the folder cannot be listed, `.invalidData` when
    ///   it holds no usable WAV file, and whatever reading a WAV file throws (naming the file).
    public static func recordings(
        inKit directory: URL, extractor: DescriptorExtractor, minimumFrames: Int = 16, maximumFrames: Int = 301
    ) throws(NeuroError) -> [ControllabilityCase] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw NeuroError(.missingInput, "\(directory.path): cannot list the kit folder (\(error.localizedDescription))")
        }
        let kit = directory.lastPathComponent
        var cases: [ControllabilityCase] = []
        let highPass = ZeroPhaseHighPass(cutoffHertz: recordingHighPassHertz, sampleRate: extractor.settings.sampleRate)
        for name in names.sorted() where name.lowercased().hasSuffix(".wav") {
            let signal = highPass.filtered(try extractor.loadSignal(from: directory.appendingPathComponent(name)))
            let features = try extractor.profile(of: signal, name: name).modelFeatures
            let frames = Array(trimmed(features).prefix(maximumFrames))
            guard frames.count >= minimumFrames else { continue }
            cases.append(ControllabilityCase(kind: .recording, name: "\(kit)/\(name)", frames: frames, group: kit))
        }
        guard !cases.isEmpty else {
            let wavCount = names.count { $0.lowercased().hasSuffix(".wav") }
            throw NeuroError(.invalidData,
                "\(directory.path): no WAV file with at least \(minimumFrames) frames within 60 dB of its peak (\(wavCount) of its \(names.count) files are .wav; other formats are not read)")
        }
        return cases
    }

    /// `frames` without the leading and trailing frames below ``recordingTrimFraction`` of the loudest.
    static func trimmed(_ frames: [ControlFrame]) -> ArraySlice<ControlFrame> {
        let loudest = frames.map(\.rms).filter(\.isFinite).max() ?? 0
        let threshold = loudest * recordingTrimFraction
        guard loudest > 0, let first = frames.firstIndex(where: { $0.rms >= threshold }),
              let last = frames.lastIndex(where: { $0.rms >= threshold }) else { return [] }
        return frames[first...last]
    }
}
