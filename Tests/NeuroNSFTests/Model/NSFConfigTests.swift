import Foundation
import NeuroTestSupport
import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroFiles

@Suite struct NSFConfigTests {
    private func decode(_ json: String) throws -> NSFConfig {
        try JSONDecoder().decode(NSFConfig.self, from: Data(json.utf8))
    }

    static let smallJSON = """
        {"input_dim": 7, "sampling_rate": 22050, "upsamp_rate": 64, "hidden_dim": 32, "extra": [1, 2],
         "source_module": {"harmonic_num": 3, "sine_amp": 0.1, "noise_std": 0.003},
         "filter_module": {"harmonic_blocks": 2, "noise_blocks": 1, "convs_per_harmonic_block": 3,
           "harmonic_dilations": [1, 2, 4], "noise_dilations": [1, 3], "ff_dims": [1, 32, 8, 1], "sinc_order": 7}}
        """

    /// ``smallJSON`` with `section` (a `"key": {…},` member) in place of its unknown `extra` key.
    static func smallJSON(with section: String) -> String {
        smallJSON.replacingOccurrences(of: "\"extra\": [1, 2],", with: section)
    }

    /// Decodes ``smallJSON(with:)`` as the file `name` and validates it, expecting it to round-trip.
    static func validatedConfig(with section: String, name: String) throws -> NSFConfig {
        let config = try JSONFile.decode(NSFConfig.self, from: Data(smallJSON(with: section).utf8), name: name)
        try config.validate()
        #expect(try JSONDecoder().decode(NSFConfig.self, from: JSONEncoder().encode(config)) == config)
        return config
    }

    @Test(SharedReferenceData.required(NSFReferenceData.architecturePath))
    func decodesTheReferenceArchitecture() throws {
        let url = try SharedReferenceData.requiredURL(NSFReferenceData.architecturePath)
        let config = try NSFConfig(contentsOf: url)
        #expect(config.hiddenDimension == 64 && config.samplesPerFrame == 512 && config.sampleRate == 22050)
        #expect(config.sineCount == 17 && config.source.sineAmplitude == 0.1 && config.source.noiseStandardDeviation == 0.003)
        #expect(config.filter.harmonicDilations == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512])
        #expect(config.filter.noiseDilations == [1, 2, 4, 8, 16])
        #expect(config.filter.harmonicBlockCount == 5 && config.filter.noiseBlockCount == 1)
        #expect(config.bottleneckDimension == 16 && config.filter.sincOrder == 31 && config.filter.blockScale == 0.1)
        #expect(config.resolvedSmoothingLength == 512 && config.resolvedCutoffSmoothingLength == 2048)
        #expect(config.condition.convolutionLayers == 3)
    }

    @Test func decodesSmallVariantsWithDefaultsAndRoundTrips() throws {
        let config = try decode(Self.smallJSON)
        try config.validate()
        #expect(config.resolvedSmoothingLength == 64 && config.resolvedCutoffSmoothingLength == 256)
        #expect(config.condition.convolutionLayers == 3 && config.filter.blockScale == nil)
        let encoded = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(NSFConfig.self, from: encoded) == config)
    }

    @Test func rejectsInconsistentConvolutionCounts() {
        let json = Self.smallJSON.replacingOccurrences(of: "\"convs_per_harmonic_block\": 3", with: "\"convs_per_harmonic_block\": 4")
        #expect(throws: DecodingError.self) { try decode(json) }
    }

    @Test func rejectsUnsupportedFixedParts() {
        for (original, replacement) in [
            ("\"noise_std\": 0.003", "\"noise_std\": 0.003, \"voiced_threshold\": 10"),
            ("\"noise_std\": 0.003", "\"noise_std\": 0.003, \"flag_for_pulse\": true"),
            ("\"sinc_order\": 7", "\"sinc_order\": 7, \"kernel_size\": 5"),
        ] {
            #expect(throws: DecodingError.self) { try decode(Self.smallJSON.replacingOccurrences(of: original, with: replacement)) }
        }
    }

    @Test func validationNamesTheKey() throws {
        var config = try decode(Self.smallJSON)
        config.hiddenDimension = 40
        #expect(throws: NeuroError(.invalidData, "NSF config: hidden_dim must be a multiple of 16 in 16…1024, got 40")) {
            try config.validate()
        }
        config = try decode(Self.smallJSON)
        config.filter.sincOrder = 8
        #expect(throws: NeuroError(.invalidData, "NSF config: filter_module.sinc_order must be odd and 1…255, got 8")) {
            try config.validate()
        }
    }

    /// Regression (hostile test): rates ≥ 2³¹ trapped in the WAV writer and huge up-sampling
    /// factors asked for gigabytes; both are now refused with the limit.
    @Test func ratesAndFrameSizesAreBounded() throws {
        var config = try decode(Self.smallJSON)
        config.sampleRate = 2_147_483_648
        #expect(throws: NeuroError(.invalidData, "NSF config: sampling_rate must be 8000…192000 Hz, got 2147483648")) {
            try config.validate()
        }
        config = try decode(Self.smallJSON)
        config.samplesPerFrame = 16_384
        #expect(throws: NeuroError(.invalidData, "NSF config: upsamp_rate must be 1…4096, got 16384")) { try config.validate() }
    }

    @Test func fileErrorsNameTheFileAndKey() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nsf-config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"input_dim": 7, "sampling_rate": 22050}"#.utf8).write(to: url)
        #expect { try NSFConfig(contentsOf: url) } throws: {
            let error = $0 as? NeuroError
            return error?.kind == .invalidData && error?.message.contains("missing key upsamp_rate") == true
                && error?.message.hasPrefix(url.lastPathComponent) == true
        }
    }

    /// Regression (issue 13, defect 8): `"sampling_rate": 22050.5` said "not valid JSON".
    @Test func aNonIntegerWhereAnIntegerBelongsIsNamed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nsf-config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.smallJSON.replacingOccurrences(of: "22050", with: "22050.5").utf8).write(to: url)
        #expect(throws: NeuroError(.invalidData, "\(url.lastPathComponent): sampling_rate: expected an integer, got 22050.5")) {
            try NSFConfig(contentsOf: url)
        }
    }
}
