import Foundation
import Testing
import NeuroCore
@testable import NeuroAnalysis

@Suite struct DecayAgreementTests {
    /// A decaying curve: rms 0.5·10^(−(frame + ½)/10) (no frame on a threshold), flatness 0.02.
    static func decay(frames: Int, flatness: Float = 0.02) -> [ControlFrame] {
        (0..<frames).map { index in
            ControlFrame(rms: 0.5 * Float(pow(10, -(Double(index) + 0.5) / 10)), zcr: 0.1, rolloff: 3000,
                         flatness: flatness, bandwidth: 1500, centroid: 1200, f0: 0)
        }
    }

    @Test func aFaithfulRenderingHasNoTailExcessAndFlatnessRatioOne() {
        var decay = DecayAgreement()
        decay.add(requested: Self.decay(frames: 40), produced: Self.decay(frames: 40))
        #expect(abs(decay.loudnessPearson! - 1) < 1e-9)
        #expect(decay.tailDecibels == 0)
        #expect(decay.flatnessRatio == 1)
    }

    @Test func aHumAfterTheHitShowsInTheTailOnly() {
        let requested = Self.decay(frames: 40, flatness: 0.02)
        let produced = requested.map { frame in
            var hum = frame
            hum.rms = max(frame.rms, 1e-3)
            hum.flatness = 0.06
            return hum
        }
        var decay = DecayAgreement()
        decay.add(requested: requested, produced: produced)
        // Tail frames: requested rms < 1/100 of frame 0's, i.e. frames 21…39; the output never falls below 1e-3.
        let expected = (21..<40).map { index in
            20 * log10(max(Double(requested[index].rms), 1e-3)) - 20 * log10(Double(requested[index].rms))
        }.sorted()
        #expect(decay.tailDifferences.count == 19)
        #expect(abs(decay.tailDecibels! - expected[9]) < 1e-3)
        #expect(decay.tailDecibels! > 5)
        #expect(abs(decay.flatnessRatio! - 3) < 1e-5)
        #expect(decay.loudnessPearson! < 0.99)
    }

    @Test func silentRequestsAreFlooredAndMedianOfEvenCountsIsTheMiddleMean() {
        var decay = DecayAgreement()
        let silent = ControlFrame(rms: 0, zcr: 0, rolloff: 0, flatness: 0, bandwidth: 0, centroid: 0, f0: 0)
        let loud = ControlFrame(rms: 1, zcr: 0, rolloff: 0, flatness: 0.1, bandwidth: 0, centroid: 0, f0: 0)
        var produced = silent
        produced.rms = 1e-5
        decay.add(requested: [loud, silent], produced: [loud, produced])
        #expect(decay.tailDifferences.count == 1 && abs(decay.tailDifferences[0] - 20) < 1e-5)
        #expect(DecayAgreement.median([1, 4, 2, 3]) == 2.5)
        #expect(DecayAgreement.median([]) == nil)
    }

    @Test func mergingPoolsFrames() {
        var first = DecayAgreement(), second = DecayAgreement(), both = DecayAgreement()
        first.add(requested: Self.decay(frames: 30), produced: Self.decay(frames: 30, flatness: 0.04))
        second.add(requested: Self.decay(frames: 20), produced: Self.decay(frames: 20))
        both.merge(first)
        both.merge(second)
        #expect(both.flatnessRatios.count == first.flatnessRatios.count + second.flatnessRatios.count)
        #expect(both.tailDifferences.count == first.tailDifferences.count + second.tailDifferences.count)
        #expect(both.loudness.count == 50)
    }
}

@Suite struct RecordingCaseTests {
    /// Writes a 16-bit mono 22 050 Hz WAV of `samples` into `directory/name`.
    static func writeWAV(_ samples: [Float], named name: String, in directory: URL) throws {
        var bytes: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        bytes += Array("RIFF".utf8); append(UInt32(36 + 2 * samples.count)); bytes += Array("WAVEfmt ".utf8)
        append(UInt32(16)); append(UInt16(1)); append(UInt16(1)); append(UInt32(22_050)); append(UInt32(44_100))
        append(UInt16(2)); append(UInt16(16)); bytes += Array("data".utf8); append(UInt32(2 * samples.count))
        for sample in samples { append(Int16(max(-1, min(1, sample)) * 32_000)) }
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    static func temporaryKit() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kit-\(UUID().uuidString)/TestKit")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aKitFolderGivesOneTrimmedGroupedCasePerLongEnoughHit() throws {
        let kit = try Self.temporaryKit()
        defer { try? FileManager.default.removeItem(at: kit.deletingLastPathComponent()) }
        let silence = [Float](repeating: 0, count: 22_050 / 2)
        let tone = (0..<22_050).map { Float(sin(Double($0) * 0.05) * exp(-Double($0) / 4000)) * 0.8 }
        try Self.writeWAV(silence + tone + silence, named: "b-long.wav", in: kit)
        try Self.writeWAV(Array(tone.prefix(2048)), named: "a-short.wav", in: kit)
        try Data("not audio".utf8).write(to: kit.appendingPathComponent("notes.txt"))
        let cases = try ControllabilityCase.recordings(inKit: kit, extractor: try DescriptorExtractor(), minimumFrames: 16)
        #expect(cases.map(\.name) == ["TestKit/b-long.wav"])
        #expect(cases[0].kind == .recording && cases[0].group == "TestKit")
        let loudest = cases[0].frames.map(\.rms).max()!
        #expect(cases[0].frames.first!.rms >= loudest * 0.001 && cases[0].frames.last!.rms >= loudest * 0.001)
        #expect(cases[0].frames.count < (22_050 * 2) / 512)
    }

    @Test func aFolderWithoutUsableHitsOrMissingIsAClearError() throws {
        let kit = try Self.temporaryKit()
        defer { try? FileManager.default.removeItem(at: kit.deletingLastPathComponent()) }
        let extractor = try DescriptorExtractor()
        #expect(throws: NeuroError.self) { try ControllabilityCase.recordings(inKit: kit, extractor: extractor) }
        let missing = kit.appendingPathComponent("nowhere")
        do {
            _ = try ControllabilityCase.recordings(inKit: missing, extractor: extractor)
            Issue.record("expected an error for \(missing.path)")
        } catch {
            #expect(error.kind == .missingInput && error.message.contains("nowhere"))
        }
    }

    @Test func groupsArePooledInTheReportAndItsJSON() throws {
        let kit = try Self.temporaryKit()
        defer { try? FileManager.default.removeItem(at: kit.deletingLastPathComponent()) }
        let tone = (0..<22_050).map { Float(sin(Double($0) * 0.05) * exp(-Double($0) / 4000)) * 0.8 }
        try Self.writeWAV(tone, named: "hit.wav", in: kit)
        let extractor = try DescriptorExtractor()
        let cases = try ControllabilityCase.recordings(inKit: kit, extractor: extractor)
        let report = try ControllabilityEvaluation(extractor: extractor).run(model: SineImpactModel(), cases: cases, seed: 1)
        #expect(report.groups.keys.sorted() == ["TestKit"])
        #expect(report.groups["TestKit"]!.caseCount == 1)
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        let groups = try #require(json["groups"] as? [String: [String: Any]])
        let decay = try #require(groups["TestKit"]?["decay"] as? [String: Any])
        #expect(Set(decay.keys) == ["r_loudness_db", "tail_db", "flatness_ratio", "tail_frames", "loud_frames"])
        #expect(report.table.contains("TestKit") && report.table.contains("tail dB"))
    }
}
