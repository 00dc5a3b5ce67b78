import Foundation
import Testing
@testable import NeuroCore

@Suite struct DescriptorTests {
    @Test func keysRoundTrip() {
        for descriptor in Descriptor.allCases {
            #expect(Descriptor(key: descriptor.key) == descriptor)
        }
        #expect(Descriptor(key: "loudness") == nil)
    }

    @Test func frameSubscriptMatchesFields() {
        var frame = ControlFrame(values: [1, 2, 3, 4, 5, 6, 7])
        #expect(frame.values == [1, 2, 3, 4, 5, 6, 7])
        frame[.centroid] = 60
        #expect(frame.centroid == 60)
    }

    @Test func profileJSONRoundTrip() throws {
        let profile = ImpactProfile(name: "test", frames: [
            ControlFrame(values: [0.1, 0.2, 1000, 0.3, 800, 900, 110]),
            ControlFrame(values: [0.05, 0.1, 900, 0.2, 700, 800, 110]),
        ])
        let data = try JSONEncoder().encode(profile)
        let decoded = try JSONDecoder().decode(ImpactProfile.self, from: data)
        #expect(decoded == profile)
    }

    @Test func profileJSONRejectsRaggedCurves() {
        let json = #"{"rms":[1,2],"zcr":[1],"rolloff":[1,2],"flatness":[1,2],"bandwidth":[1,2],"centroid":[1,2],"f0":[1,2]}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ImpactProfile.self, from: Data(json.utf8))
        }
    }

    @Test func statisticsRejectZeroDeviation() {
        #expect(throws: NeuroError.self) {
            try DescriptorStatistics(mean: Array(repeating: 0, count: 7), standardDeviation: [1, 1, 1, 0, 1, 1, 1])
        }
    }
}
