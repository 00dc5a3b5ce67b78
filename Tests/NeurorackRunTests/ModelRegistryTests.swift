import Foundation
import NeuroCore
import NeuroTestSupport
import Testing
@testable import neurorack_run
import NeuroProfiles

@Suite struct ModelRegistryTests {
    @Test func defaultModelResolves() throws {
        let model = try ModelRegistry.resolve(ModelRegistry.defaultName)
        #expect(model.name == "default")
        #expect(ModelRegistry.entries.map(\.name).contains(ModelRegistry.defaultName))
    }

    @Test func unknownNamesMissingFilesAndUnknownFormats() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: NeuroError.self) { try ModelRegistry.resolve("tuba") }
        let missing = #expect(throws: NeuroError.self) { try ModelRegistry.resolve(directory.file("absent.model").path) }
        #expect(missing?.kind == .missingInput)
        let odd = directory.file("weights.xyz")
        try Data([1]).write(to: odd)
        let unsupported = #expect(throws: NeuroError.self) { try ModelRegistry.resolve(odd.path) }
        #expect(unsupported?.kind == .usage)
        #expect(unsupported?.message.contains("no loader for '.xyz'") == true)
    }
}
