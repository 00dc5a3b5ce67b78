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
        #expect(text == #"{"bandwidth":[800,700],"centroid":[900,800],"f0":[110.5,110],"flatness":[0.5,0.2],"frames":2,"hop":512,"name":"a<b","rms":[0.25,0.0001],"rolloff":[1000,900],"sample_rate":22050,"zcr":[0.125,0.1]}"# + "\n")
        let decoded = try JSONDecoder().decode(ImpactProfile.self, from: Data(text.utf8))
        #expect(decoded.frames == Self.profile.frames)
        #expect(decoded.name == "a<b")
    }

    @Test func jsonWritesNonFiniteValuesAsNull() {
        let profile = ImpactProfile(name: "x/y", frames: [ControlFrame(values: [0.5, 0.1, 900, 0.2, 700, 800, .nan])])
        let text = ProfileTextFormats.json(profile)
        #expect(text.contains(#""f0":[null]"#) && text.contains(#""name":"x/y""#))
    }

    @Test func csvHasHeaderAndOneLinePerFrame() {
        let lines = ProfileTextFormats.csv(Self.profile).split(separator: "\n")
        #expect(lines.first == "rms,zcr,rolloff,flatness,bandwidth,centroid,f0")
        #expect(lines.count == 3)
        #expect(lines[1] == "0.25,0.125,1000,0.5,800,900,110.5")
    }
}
