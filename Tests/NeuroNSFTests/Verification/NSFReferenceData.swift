import Foundation
import NeuroTestSupport
@testable import NeuroNSF
import NeuroCore

/// The reference model and fixtures of `../shared/neurorack`, loaded once for all tests.
enum NSFReferenceData {
    static let weightsPath = "neurorack/model_nsf_sinc_ema_impacts_waveform_5.0.safetensors"
    static let architecturePath = "neurorack/architecture.json"

    /// The reference model (tests using it declare `SharedReferenceData.required(weightsPath, architecturePath)`).
    static func model() throws -> NSFModel {
        try NSFModel(
            weights: SharedReferenceData.requiredURL(weightsPath), config: SharedReferenceData.requiredURL(architecturePath))
    }

    /// The fixture at `path` for `model` (tests using it declare `SharedReferenceData.required(path)`).
    static func fixture(_ path: String, for model: NSFModel) throws -> NSFFixture {
        try NSFFixture(
            contentsOf: SharedReferenceData.requiredURL(path), samplesPerFrame: model.samplesPerFrame,
            sineCount: model.config.sineCount)
    }
}
