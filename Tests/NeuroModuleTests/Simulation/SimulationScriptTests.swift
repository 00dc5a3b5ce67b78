import NeuroCore
import Testing
@testable import NeuroModule

@Suite struct SimulationScriptTests {
    @Test func parsesEventsCommentsAndSortsByTime() throws {
        let script = try SimulationScript(parsing: """
            # header
            0.5 gate1 10   # on
            0.51 gate1 0
            0.2\tcv3 -2.5

            1 encoder -3
            1 button 1
            """, name: "perf.txt")
        #expect(script.events == [
            .init(time: 0.2, action: .jack(.cv3, volts: -2.5)), .init(time: 0.5, action: .jack(.gate1, volts: 10)),
            .init(time: 0.51, action: .jack(.gate1, volts: 0)), .init(time: 1, action: .encoder(detents: -3)),
            .init(time: 1, action: .button(pressed: true)),
        ])
        #expect(script.duration == 1)
    }

    @Test func errorsNameTheLineAndWhatWasExpected() {
        let cases: [(String, String)] = [
            ("1 gate1", "perf.txt:1: expected SECONDS INPUT VALUE"),
            ("# c\n-1 gate1 5", "perf.txt:2: time must be"),
            ("nan gate1 5", "time must be"),
            ("1 gate3 5", "unknown input \"gate3\""),
            ("1 cv1 40", "cv1 takes volts"),
            ("1 cv1 inf", "cv1 takes volts"),
            ("1 encoder 1.5", "encoder takes whole detents"),
            ("1 button 2", "button takes 1 (press) or 0 (release)"),
        ]
        for (text, message) in cases {
            do {
                _ = try SimulationScript(parsing: text, name: "perf.txt")
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.kind == .invalidData && error.message.contains(message), "\(error.message)")
            }
        }
    }
}
