import Testing
@testable import NeuroModule

@Suite struct ModuleWiringTests {
    @Test func standardWiringDividesTwentyVoltsIntoTheConverterRange() {
        let wiring = ModuleWiring.standard
        let ratio = wiring.dividerBottomOhms / (wiring.dividerTopOhms + wiring.dividerBottomOhms)
        #expect(abs(ratio * 20 - 0.950) < 0.001)
        #expect(ratio * 40 < 2.048)
    }
}
