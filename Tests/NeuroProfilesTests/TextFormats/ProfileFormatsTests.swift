import Foundation
import Testing
import NeuroCore
@testable import NeuroProfiles

@Suite struct ProfileFormatsTests {
    static let profile = ImpactProfile(name: "a<b", frames: [
        ControlFrame(values: [0.25, 0.125, 1000, 0.5, 800, 900, 110.5]),
        ControlFrame(values: [0.0001, 0.1, 900, 0.2, 700, 800, 110]),
    ])

    @Test func jsonHasTheDocumentedShapeAndReadsBack() throws {
        let text = ProfileTextFormats.json(Self.profile)
        #expect(text.hasPrefix(#"{"sample_rate":22050,"hop":512,"frames":2,"rms":[0.25,0.0001],"zcr":[0.125,0.1],"rolloff":[1000,900]"#))
        #expect(text.hasSuffix(#""f0":[110.5,110]}"# + "\n"))
        let decoded = try JSONDecoder().decode(ImpactProfile.self, from: Data(text.utf8))
        #expect(decoded.frames == Self.profile.frames)
    }

    @Test func csvHasHeaderAndOneLinePerFrame() {
        let lines = ProfileTextFormats.csv(Self.profile).split(separator: "\n")
        #expect(lines.first == "rms,zcr,rolloff,flatness,bandwidth,centroid,f0")
        #expect(lines.count == 3)
        #expect(lines[1] == "0.25,0.125,1000,0.5,800,900,110.5")
    }
}
