import Foundation
import NeuroTestSupport
@testable import NeuroNSF

/// The reference model and fixtures of `../shared/neurorack`, loaded once for all tests.
enum NSFReferenceData {
    static let weightsPath = "neurorack/model_nsf_sinc_ema_impacts_waveform_5.0.safetensors"
    static let architecturePath = "neurorack/architecture.json"

    /// The reference model, or `nil` (after printing the skip message) when the data is absent.
    static func model() throws -> NSFModel? {
        guard let weights = SharedReferenceData.url(weightsPath), let config = SharedReferenceData.url(architecturePath) else {
            print(SharedReferenceData.skipMessage(weightsPath))
            return nil
        }
        return try NSFModel(weights: weights, config: config)
    }

    /// The fixture at `path` for `model`, or `nil` (after printing the skip message) when absent.
    static func fixture(_ path: String, for model: NSFModel) throws -> NSFFixture? {
        guard let url = SharedReferenceData.url(path) else {
            print(SharedReferenceData.skipMessage(path))
            return nil
        }
        return try NSFFixture(contentsOf: url, samplesPerFrame: model.samplesPerFrame, sineCount: model.config.sineCount)
    }
}
