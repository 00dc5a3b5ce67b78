import NeuroCore
/// Measures how faithfully a model follows its control curves.
///
/// Each case's frames are rendered through `ImpactRenderer` (the engine's own chunking and
/// cross-fades), the audio is re-measured with ``DescriptorExtractor`` (librosa parity), and
/// requested and produced values are compared frame by frame with ``CurveAgreement``. The
/// re-measured curve has one frame more than the request (the centred analysis of the
/// audio's end); like the original model's features, that last frame is dropped.
///
/// rms is compared on every frame. The other six descriptors are compared only on frames whose
/// requested rms is at least ``audibleFraction`` of the case's loudest requested frame: on
/// near-silent frames zcr, the spectral shape and YIN measure the noise floor, not the sound.
/// Each case also gets a ``DecayAgreement`` (loudness in dB, decay tail, flatness ratio).
public struct ControllabilityEvaluation: Sendable {
    /// The fraction (−40 dB) of the loudest requested rms below which a frame counts as silent.
    public static let audibleFraction: Float = 0.01

    private let extractor: DescriptorExtractor

    /// An evaluation that measures with `extractor`.
    public init(extractor: DescriptorExtractor) {
        self.extractor = extractor
    }

    /// Renders and re-measures every case; case `i` uses the random seed `seed + i`.
    ///
    /// - Throws: `NeuroError` `.invalidData` when the model's sample rate or frame size differ
    ///   from the extractor's, and whatever rendering throws.
    public func run(model: any ImpactModel, cases: [ControllabilityCase], seed: UInt64) throws(NeuroError) -> ControllabilityReport {
        let settings = extractor.settings
        guard model.sampleRate == settings.sampleRate, model.samplesPerFrame == settings.hop else {
            throw NeuroError(.invalidData,
                "\(model.name): evaluation needs \(settings.sampleRate) Hz and \(settings.hop) samples per frame, the model has \(model.sampleRate) Hz and \(model.samplesPerFrame)")
        }
        var results: [ControllabilityReport.CaseResult] = []
        for (index, testCase) in cases.enumerated() where !testCase.frames.isEmpty {
            let audio = try ImpactRenderer.render(model: model, frames: testCase.frames, seed: seed &+ UInt64(index))
            let produced = try extractor.frames(of: audio)
            var decay = DecayAgreement()
            decay.add(requested: testCase.frames, produced: produced)
            results.append(ControllabilityReport.CaseResult(
                kind: testCase.kind, name: testCase.name, group: testCase.group, frameCount: testCase.frames.count,
                agreements: Self.compare(requested: testCase.frames, produced: produced), decay: decay))
        }
        return ControllabilityReport(model: model.name, seed: seed, cases: results)
    }

    /// The agreement of each descriptor over the frames of one case.
    static func compare(requested: [ControlFrame], produced: [ControlFrame]) -> [Descriptor: CurveAgreement] {
        let loudest = requested.map(\.rms).filter(\.isFinite).max() ?? 0
        var agreements: [Descriptor: CurveAgreement] = [:]
        for descriptor in Descriptor.allCases {
            var agreement = CurveAgreement()
            for (wanted, got) in zip(requested, produced)
            where descriptor == .rms || wanted.rms >= audibleFraction * loudest {
                agreement.add(requested: wanted[descriptor], produced: got[descriptor])
            }
            agreements[descriptor] = agreement
        }
        return agreements
    }
}
