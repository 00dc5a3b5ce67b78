import Testing
import NeuroCore
@testable import NeuroProfiles

@Suite struct BuiltinProfilesTests {
    @Test func everyBuiltinIsNamedAndSensible() throws {
        #expect(ImpactProfile.availableNames.contains(ImpactProfile.defaultName))
        for name in BuiltinProfiles.names {
            let profile = try ImpactProfile.named(name)
            #expect(profile.name == name)
            #expect(profile.frames.count == ImpactProfile.defaultFrameCount)
            #expect(profile.frames.allSatisfy { $0.isFinite })
            #expect(profile.frames.allSatisfy { $0.rms >= 0 && $0.f0 > 0 && $0.flatness >= 0 && $0.flatness <= 1 })
            #expect(profile.frames[0].rms > 10 * profile.frames[100].rms, "\(name) must decay")
            #expect(BuiltinProfiles.summary(of: name) != nil)
        }
    }

    @Test func unknownNameIsAUsageErrorListingTheKnownOnes() {
        let error = #expect(throws: NeuroError.self) { try ImpactProfile.named("tuba") }
        #expect(error?.kind == .usage)
        #expect(error?.message.contains("kick") == true)
    }

    @Test func measuredProfilesAreFoundByName() throws {
        let library = try ProfileLibrary.bundled()
        let first = try #require(library.names.first)
        #expect(try ImpactProfile.named(first) == library.profile(named: first))
        #expect(ImpactProfile.availableNames.contains(first))
    }

    @Test func hatIsBrighterAndNoisierThanKick() throws {
        let kick = try ImpactProfile.named("kick").frames[2]
        let hat = try ImpactProfile.named("hat").frames[2]
        #expect(hat.centroid > 2 * kick.centroid)
        #expect(hat.flatness > 10 * kick.flatness)
    }
}
