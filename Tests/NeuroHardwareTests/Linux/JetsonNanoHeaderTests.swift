import Testing
@testable import NeuroHardware

@Suite struct JetsonNanoHeaderTests {
    @Test func headerPinsMapToTegraGPIONumbers() {
        #expect(JetsonNanoHeader.lineOffset(pin: 11) == 50)
        #expect(JetsonNanoHeader.lineOffset(pin: 22) == 13)
        #expect(JetsonNanoHeader.lineOffset(pin: 18) == 15)
        #expect(JetsonNanoHeader.lineOffset(pin: 7) == 216)
        #expect(JetsonNanoHeader.lineOffset(pin: 16) == 232)
        #expect(JetsonNanoHeader.lineOffset(pin: 3) == nil)
        #expect(JetsonNanoHeader.lineOffset(pin: 41) == nil)
        let offsets = JetsonNanoHeader.tegraPorts.keys.compactMap(JetsonNanoHeader.lineOffset(pin:))
        #expect(Set(offsets).count == offsets.count)
        #expect(offsets.allSatisfy { (0..<256).contains($0) })
    }
}
