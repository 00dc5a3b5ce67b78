import Foundation
import NeuroCore

/// Voicing and smoothing of a measured f0 curve: frames without a stable pitch hold the nearest
/// voiced frame's pitch, so the model's harmonic source never jumps where YIN's estimate wanders.
///
/// YIN reports a pitch for every frame, also for noise (a cymbal's curve jumps between 180 and
/// 880 Hz) and for the quiet end of a decay (a hi-hat's last frames read 5.5 kHz). A frame is
/// *voiced* when all of these hold:
/// - YIN's aperiodicity (the minimum of its cumulative-mean-normalised difference) is below
///   ``aperiodicityLimit``;
/// - its rms is within ``levelDB`` of the curve's loudest frame;
/// - it lies in a run of at least ``minimumRun`` such frames.
///
/// A voiced frame's f0 becomes the log-median (the geometric mean of the middle two for an even
/// count) of the voiced frames among its ``medianFrames`` neighbours, which removes single-frame
/// octave jumps; every other frame holds the nearest voiced frame's smoothed f0 (the earlier one
/// on a tie). A curve without a voiced frame holds the log-median f0 of its frames within
/// ``levelDB`` of the loudest (of all its frames when none is). Every frame keeps a pitch, as the
/// default model was trained with. This is what the default model's training data and the bundled
/// profiles use (`training/voicing.py`, mode `hold`).
///
/// With ``unpitchesNoise`` (``noiseUnpitched``, `training/voicing.py` mode `noise`), the noise-like
/// frames — aperiodicity at or above ``aperiodicityLimit`` in a run of at least ``minimumRun``
/// frames, at any level — then get f0 = 0 instead, so a model trained on such curves plays them
/// from its noise source (a cymbal's decay) while a quiet periodic tail (a kick's) keeps its pitch.
public struct PitchVoicing: Sendable, Equatable {
    /// The highest aperiodicity of a voiced frame (0 is perfectly periodic).
    public var aperiodicityLimit: Float
    /// How far below the loudest frame (dB of rms) a frame may be and still count as voiced.
    public var levelDB: Float
    /// The fewest consecutive candidate frames that count as voiced.
    public var minimumRun: Int
    /// The odd width of the running log-median over voiced neighbours.
    public var medianFrames: Int
    /// Whether noise-like frames get f0 = 0 (no harmonic source) rather than the held pitch.
    public var unpitchesNoise: Bool

    /// Creates voicing parameters; ``validated()`` checks them.
    public init(
        aperiodicityLimit: Float = 0.35, levelDB: Float = 40, minimumRun: Int = 3, medianFrames: Int = 5,
        unpitchesNoise: Bool = false
    ) {
        self.aperiodicityLimit = aperiodicityLimit
        self.levelDB = levelDB
        self.minimumRun = minimumRun
        self.medianFrames = medianFrames
        self.unpitchesNoise = unpitchesNoise
    }

    /// The parameters of the default model's training data (`training/voicing.py`, mode `hold`).
    public static let standard = PitchVoicing()

    /// ``standard`` with noise-like frames unpitched (`training/voicing.py`, mode `noise`).
    public static let noiseUnpitched = PitchVoicing(unpitchesNoise: true)

    /// The parameters, after checking every value is usable.
    ///
    /// - Throws: `NeuroError` `.invalidData` naming the first bad field.
    public func validated() throws(NeuroError) -> PitchVoicing {
        guard aperiodicityLimit.isFinite, aperiodicityLimit > 0 else {
            throw NeuroError(.invalidData, "voicing aperiodicityLimit must be finite and > 0, got \(aperiodicityLimit)")
        }
        guard levelDB.isFinite, levelDB > 0 else {
            throw NeuroError(.invalidData, "voicing levelDB must be finite and > 0, got \(levelDB)")
        }
        guard minimumRun >= 1 else { throw NeuroError(.invalidData, "voicing minimumRun must be ≥ 1, got \(minimumRun)") }
        guard medianFrames >= 1, medianFrames % 2 == 1 else {
            throw NeuroError(.invalidData, "voicing medianFrames must be odd and ≥ 1, got \(medianFrames)")
        }
        return self
    }

    /// `frames` with f0 voiced, smoothed and held (and unpitched on noise with ``unpitchesNoise``);
    /// `aperiodicity` holds YIN's value for each frame.
    public func apply(to frames: [ControlFrame], aperiodicity: [Float]) -> [ControlFrame] {
        let rms = frames.map(\.rms)
        let held = heldPitch(f0: frames.map(\.f0), voiced: voicedMask(rms: rms, aperiodicity: aperiodicity), rms: rms)
        let noise = unpitchesNoise ? noiseMask(aperiodicity: aperiodicity, count: frames.count) : nil
        return frames.indices.map { index in
            var frame = frames[index]
            frame.f0 = noise?[index] == true ? 0 : held[index]
            return frame
        }
    }

    /// Which frames are voiced (see the type's description); a frame without an aperiodicity is not.
    func voicedMask(rms: [Float], aperiodicity: [Float]) -> [Bool] {
        let floor = loudnessFloor(rms)
        return runs(ofAtLeast: minimumRun, in: rms.indices.map { index in
            index < aperiodicity.count && aperiodicity[index] < aperiodicityLimit && rms[index] >= floor && rms[index] > 0
        })
    }

    /// Which of `count` frames are noise-like: aperiodic (a frame without an aperiodicity counts as
    /// aperiodic) in a run of at least ``minimumRun``, at any level.
    func noiseMask(aperiodicity: [Float], count: Int) -> [Bool] {
        runs(ofAtLeast: minimumRun, in: (0..<count).map { index in
            index >= aperiodicity.count || aperiodicity[index] >= aperiodicityLimit
        })
    }

    /// `candidates` keeping only its runs of at least `length` consecutive `true` values.
    private func runs(ofAtLeast length: Int, in candidates: [Bool]) -> [Bool] {
        var kept = [Bool](repeating: false, count: candidates.count)
        var start: Int?
        for index in 0...candidates.count {
            let candidate = index < candidates.count && candidates[index]
            if candidate, start == nil { start = index }
            if !candidate, let first = start {
                if index - first >= length { kept.replaceSubrange(first..<index, with: repeatElement(true, count: index - first)) }
                start = nil
            }
        }
        return kept
    }

    /// The f0 curve with voiced frames smoothed and every other frame holding the nearest voiced pitch
    /// (`f0`, `voiced` and `rms` have one value per frame).
    func heldPitch(f0: [Float], voiced: [Bool], rms: [Float]) -> [Float] {
        let voicedIndices = f0.indices.filter { voiced[$0] }
        guard let firstVoiced = voicedIndices.first else {
            let floor = loudnessFloor(rms)
            let loud = f0.indices.filter { rms[$0] >= floor && f0[$0] > 0 }.map { f0[$0] }
            let pitched = loud.isEmpty ? f0.filter { $0 > 0 } : loud
            return [Float](repeating: pitched.isEmpty ? 0 : Self.logMedian(pitched), count: f0.count)
        }
        let half = medianFrames / 2
        var smoothed = [Float](repeating: 0, count: f0.count)
        for index in voicedIndices {
            let window = max(0, index - half)..<min(f0.count, index + half + 1)
            smoothed[index] = Self.logMedian(window.filter { voiced[$0] }.map { f0[$0] })
        }
        // `min(by:)` keeps the first of equal distances: the earlier voiced frame on a tie.
        return f0.indices.map { index in
            smoothed[voicedIndices.min { abs($0 - index) < abs($1 - index) } ?? firstVoiced]
        }
    }

    /// The lowest rms that counts as loud: ``levelDB`` below the loudest frame.
    private func loudnessFloor(_ rms: [Float]) -> Float {
        (rms.filter(\.isFinite).max() ?? 0) * Float(pow(10, -Double(levelDB) / 20))
    }

    /// exp(median(log values)) of positive `values` (numpy's median: the mean of the middle two for an even count).
    static func logMedian(_ values: [Float]) -> Float {
        let logs = values.map { log(Double(max($0, 1e-3))) }.sorted()
        let middle = logs.count / 2
        let median = logs.count % 2 == 1 ? logs[middle] : (logs[middle - 1] + logs[middle]) / 2
        return Float(exp(median))
    }
}
