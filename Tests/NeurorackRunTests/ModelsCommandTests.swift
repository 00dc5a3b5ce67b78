import Testing
@testable import neurorack_run
import NeuroCore
import NeuroNSF

@Suite struct ModelsCommandTests {
    @Test func listsEveryNamedModelAndFileType() async throws {
        #expect(await runCommandLine(["models"]) == nil)
        let lines = ModelsCommand.fullListing().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("NAME") == true)
        let neural = try #require(lines.first { $0.hasPrefix("neural*") })
        #expect(neural.split(separator: " ").prefix(6) == ["neural*", "22050", "512", "6", "21/15", "70050"])
        #expect(neural.hasSuffix(try #require(ModelRegistry.entries.first { $0.name == "neural" }).summary))
        let modal = try #require(lines.first { $0.hasPrefix("modal ") })
        #expect(modal.split(separator: " ").prefix(6) == ["modal", "22050", "512", "0", "16/15", "-"])
        #expect(lines.contains { $0.hasPrefix("  .safetensors  NSF weights") })
        #expect(lines.last == "")
        let header = lines[0]
        let summaryColumn = try #require(header.range(of: "SUMMARY")).lowerBound.utf16Offset(in: header)
        #expect(neural.range(of: "bundled")?.lowerBound.utf16Offset(in: neural) == summaryColumn)
    }

    @Test func helpNamesTheCommand() {
        #expect(NeurorackRun.helpMessage().contains("models"))
    }
}
