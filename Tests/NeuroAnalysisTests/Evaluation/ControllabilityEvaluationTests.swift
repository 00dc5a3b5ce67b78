import Foundation
import Testing
import NeuroCore
import NeuroProfiles
@testable import NeuroAnalysis

@Suite struct ControllabilityEvaluationTests {
    @Test func agreementOfIdenticalAndScaledCurves() {
        var identical = CurveAgreement()
        var doubled = CurveAgreement()
        for value in [1, 2, 3, 5, 8] as [Float] {
            identical.add(requested: value, produced: value)
            doubled.add(requested: value, produced: 2 * value)
        }
        #expect(identical.pearson == 1 && identical.relativeError == 0)
        #expect(abs(doubled.pearson! - 1) < 1e-12 && abs(doubled.relativeError! - 1) < 1e-12)
    }

    @Test func agreementIsUndefinedForConstantOrEmptyCurves() {
        var constant = CurveAgreement()
        for value in [1, 2, 3] as [Float] { constant.add(requested: value, produced: 4) }
        #expect(constant.pearson == nil)
        #expect(CurveAgreement().relativeError == nil)
        var skipped = CurveAgreement()
        skipped.add(requested: .nan, produced: 1)
        #expect(skipped.count == 0)
    }

    static func rampCase(frames: Int) -> ControllabilityCase {
        ControllabilityCase(kind: .profile, name: "ramp", frames: (0..<frames).map { index in
            let position = Float(index) / Float(frames - 1)
            return ControlFrame(rms: 0.3 * (1 - 0.8 * position), zcr: 0.05, rolloff: 2000, flatness: 0.01,
                                bandwidth: 1000, centroid: 800, f0: 150 + 250 * position)
        })
    }

    @Test func aFaithfulModelScoresHighOnWhatItControls() throws {
        let evaluation = ControllabilityEvaluation(extractor: try DescriptorExtractor())
        let report = try evaluation.run(model: SineImpactModel(), cases: [Self.rampCase(frames: 24)], seed: 1)
        let overall = report.overall
        #expect(overall[.rms]!.pearson! > 0.95)
        #expect(overall[.rms]!.relativeError! < 0.2)
        #expect(overall[.f0]!.pearson! > 0.95)
        #expect(overall[.f0]!.relativeError! < 0.05)
    }

    @Test func aModelThatIgnoresItsControlsScoresLow() throws {
        let evaluation = ControllabilityEvaluation(extractor: try DescriptorExtractor())
        let report = try evaluation.run(model: SineImpactModel(isDeaf: true), cases: [Self.rampCase(frames: 24)], seed: 1)
        let f0 = report.overall[.f0]!
        #expect(f0.pearson == nil || abs(f0.pearson!) < 0.5)
        #expect(f0.relativeError! > 0.2)
    }

    @Test func standardSetCyclesKindsReproducibly() throws {
        let library = try ProfileLibrary.bundled()
        let cases = ControllabilityCase.standardSet(from: library, count: 7, seed: 42)
        #expect(cases.map(\.kind) == [.profile, .morph, .cvSweep, .profile, .morph, .cvSweep, .profile])
        #expect(cases == ControllabilityCase.standardSet(from: library, count: 7, seed: 42))
        #expect(cases != ControllabilityCase.standardSet(from: library, count: 7, seed: 43))
        #expect(cases.allSatisfy { !$0.frames.isEmpty && $0.frames.allSatisfy(\.isFinite) })
    }

    @Test func reportJSONNamesEveryDescriptor() throws {
        let evaluation = ControllabilityEvaluation(extractor: try DescriptorExtractor())
        let report = try evaluation.run(model: SineImpactModel(), cases: [Self.rampCase(frames: 8)], seed: 3)
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(json["model"] as? String == "sine" && json["seed"] as? Int == 3 && json["curves"] as? Int == 1)
        let overall = try #require(json["descriptors"] as? [String: [String: Any]])
        #expect(Set(overall.keys) == Set(Descriptor.allCases.map(\.key)))
        #expect(overall.values.allSatisfy { $0["frames"] as? Int == 8 && $0.keys.contains("pearson") })
        #expect(overall["zcr"]?["pearson"] is NSNull)
        #expect(report.json.hasPrefix(#"{"cases":[{"decay":{"flatness_ratio":"#))
        #expect(report.json.contains(#""descriptors":{"bandwidth":{"frames":8,"pearson":null,"#))
        let decay = try #require(json["decay"] as? [String: Any])
        #expect(decay["loud_frames"] as? Int == 8 && decay["tail_db"] is NSNull)
        #expect(report.table.contains("Loudness"))
    }
}
