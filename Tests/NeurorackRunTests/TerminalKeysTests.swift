import NeuroCore
import Testing
@testable import neurorack_run

@Suite struct TerminalKeysTests {
    @Test func keysMapToPlayingControlsAndQuit() {
        #expect(TerminalAction.of(UInt8(ascii: " ")) == .event(.gatePlay(velocity: 1)))
        #expect(TerminalAction.of(13) == .event(.gatePlay(velocity: 1)))
        #expect(TerminalAction.of(UInt8(ascii: "1")) == .event(.gateNote(velocity: 1, semitones: 0)))
        #expect(TerminalAction.of(UInt8(ascii: "5")) == .event(.gateNote(velocity: 1, semitones: 7)))
        #expect(TerminalAction.of(UInt8(ascii: "8")) == .event(.gateNote(velocity: 1, semitones: 12)))
        #expect(TerminalAction.of(UInt8(ascii: "r")) == .event(.gateRegenerate))
        #expect(TerminalAction.of(UInt8(ascii: "]")) == .morph(by: 0.1))
        #expect(TerminalAction.of(UInt8(ascii: "-")) == .volume(by: -0.1))
        #expect(TerminalAction.of(UInt8(ascii: "P")) == .profile(step: -1))
        #expect(TerminalAction.of(UInt8(ascii: "m")) == .nextModel)
        #expect(TerminalAction.of(UInt8(ascii: "q")) == .quit && TerminalAction.of(3) == .quit)
        #expect(TerminalAction.of(UInt8(ascii: "9")) == nil && TerminalAction.of(0x1B) == nil)
    }
}
