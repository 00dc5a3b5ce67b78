import Foundation
import Testing
import NeuroCore
@testable import NeuroProfiles

@Suite struct ProfileLibraryTests {
    @Test func bundledLibraryLoadsWithProvenance() throws {
        let library = try ProfileLibrary.bundled()
        #expect(library.entries.count >= 40)
        #expect(Set(library.names).count == library.names.count)
        for family in ["kick-", "snare-", "tom-", "hat-", "cymbal-", "perc-"] {
            #expect(library.names.contains { $0.hasPrefix(family) }, "family \(family)")
        }
        for entry in library.entries {
            #expect(!entry.kit.isEmpty && !entry.source.isEmpty && !entry.license.isEmpty, "\(entry.profile.name)")
            #expect(entry.profile.sampleRate == 22_050 && entry.profile.hop == 512)
            #expect((1...ImpactProfile.defaultFrameCount).contains(entry.profile.frames.count))
        }
        #expect(library.profile(named: "kick-acoustic-1") != nil)
        #expect(library.profile(named: "no-such-profile") == nil)
    }

    @Test func rejectsDuplicateNamesAndWrongFormat() throws {
        let frame = ControlFrame(values: [0.1, 0.1, 1000, 0.1, 800, 900, 100])
        let entry = ProfileLibrary.Entry(
            profile: ImpactProfile(name: "x", frames: [frame]), kit: "k", source: "s", author: "a", license: "CC0")
        #expect(throws: NeuroError.self) { try ProfileLibrary(entries: [entry, entry]) }
        #expect(throws: NeuroError.self) {
            try ProfileLibrary(json: Data(#"{"format":"other","version":1,"profiles":[]}"#.utf8), fileName: "t.json")
        }
        #expect(throws: NeuroError.self) { try ProfileLibrary(json: Data("[]".utf8), fileName: "t.json") }
    }

    @Test func decodesTheDocumentedFormat() throws {
        let json = """
            {"format":"neurorack-profiles","version":1,"profiles":[{"name":"kick-test-1","kit":"K","source":"a.wav",\
            "author":"A","license":"CC0","sample_rate":22050,"hop":512,"frames":2,"rms":[0.2,0.1],"zcr":[0.01,0.01],\
            "rolloff":[500,400],"flatness":[0.001,0.001],"bandwidth":[900,800],"centroid":[400,300],"f0":[60,55]}]}
            """
        let library = try ProfileLibrary(json: Data(json.utf8), fileName: "t.json")
        #expect(library.names == ["kick-test-1"])
        #expect(library.entry(named: "kick-test-1")?.license == "CC0")
        #expect(library.profile(named: "kick-test-1")?.curve(.f0) == [60, 55])
    }
}
