import Foundation
import NeuroCore
import NeuroTestSupport
import Testing
@testable import NeuroHardware

@Suite struct MIDIMessageTests {
    private func parse(_ bytes: [UInt8]) -> MIDIMessage? {
        bytes.withUnsafeBytes { MIDIMessage(bytes: $0) }
    }

    @Test func parsesChannelMessages() {
        #expect(parse([0x90, 60, 100]) == .noteOn(channel: 1, note: 60, velocity: 100))
        #expect(parse([0x9F, 61, 0]) == .noteOff(channel: 16, note: 61))
        #expect(parse([0x82, 62, 40]) == .noteOff(channel: 3, note: 62))
        #expect(parse([0xB0, 74, 127]) == .controlChange(channel: 1, controller: 74, value: 127))
        #expect(parse([0xC5, 9]) == .programChange(channel: 6, program: 9))
    }

    @Test func dropsMalformedAndSystemMessages() {
        for bytes: [UInt8] in [[], [0x90], [0x90, 60], [0x90, 200, 10], [0x90, 60, 128], [60, 60, 60], [0xF8], [0xF0, 1, 2], [0xE0, 0, 64], [0xC0, 200]] {
            #expect(parse(bytes) == nil, "\(bytes)")
        }
    }
}

@Suite struct MIDIMappingTests {
    private func actions(_ mapping: MIDIMapping, _ messages: [MIDIMessage]) -> [MIDIMapping.Action] {
        let values = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        values.initialize(repeating: 0, count: 128)
        defer { values.deallocate() }
        return messages.map { mapping.action(for: $0, offset: 7, previousValues: values) }
    }

    @Test func standardMappingPlaysTransposesAndControls() {
        let result = actions(.standard, [
            .noteOn(channel: 1, note: 72, velocity: 127), .noteOn(channel: 2, note: 55, velocity: 64),
            .noteOff(channel: 1, note: 72), .controlChange(channel: 1, controller: 1, value: 127),
            .controlChange(channel: 1, controller: 74, value: 64), .controlChange(channel: 1, controller: 71, value: 0),
            .controlChange(channel: 1, controller: 7, value: 0), .controlChange(channel: 1, controller: 64, value: 127),
            .controlChange(channel: 1, controller: 64, value: 100), .controlChange(channel: 1, controller: 64, value: 0),
            .controlChange(channel: 1, controller: 64, value: 64), .controlChange(channel: 1, controller: 20, value: 5),
            .programChange(channel: 1, program: 3),
        ])
        #expect(result == [
            .event(.gateNote(velocity: 1, offset: 7, semitones: 12)),
            .event(.gateNote(velocity: Float(64) / 127, offset: 7, semitones: -5)),
            .none, .event(.morph(alpha: 1)), .event(.cv(index: 3, volts: 1)), .event(.cv(index: 4, volts: 0.25)),
            .event(.volume(0)), .event(.gateRegenerate), .none, .none, .event(.gateRegenerate), .none, .program(3),
        ])
    }

    @Test func channelFilterAndRegenerateNote() {
        var mapping = MIDIMapping.standard
        mapping.channel = 2
        mapping.regenerateNote = 36
        mapping.transposes = false
        #expect(actions(mapping, [.noteOn(channel: 1, note: 60, velocity: 90), .noteOn(channel: 2, note: 36, velocity: 90),
                                  .noteOn(channel: 2, note: 40, velocity: 127)])
            == [.none, .event(.gateRegenerate), .event(.gatePlay(velocity: 1, offset: 7, semitones: 0))])
    }

    @Test func ratePitchModePlaysTheCachedImpactResampled() throws {
        var mapping = MIDIMapping.standard
        mapping.pitchMode = .rate
        #expect(actions(mapping, [.noteOn(channel: 1, note: 67, velocity: 127)])
            == [.event(.gatePlay(velocity: 1, offset: 7, semitones: 7))])
        let decoded = try JSONDecoder().decode(MIDIMapping.self, from: Data(#"{"pitch": "rate"}"#.utf8))
        #expect(decoded.pitchMode == .rate)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MIDIMapping.self, from: Data(#"{"pitch": "cents"}"#.utf8)) }
    }

    @Test func controllerScaleIsNeutralAtTheCentre() {
        #expect(MIDIMapping.scaleVolts(64) == 1)
        #expect(abs(MIDIMapping.scaleVolts(127) - 3.9) < 0.1)
        #expect(MIDIMapping.scaleVolts(0) == 0.25)
    }

    @Test func mappingFileKeepsDefaultsNullTurnsOffAndRangesAreChecked() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("map.json")
        try Data(#"{"root_note": 48, "morph_cc": null, "channel": 10}"#.utf8).write(to: file)
        let mapping = try MIDIMapping(contentsOf: file)
        #expect(mapping.rootNote == 48 && mapping.morphController == nil && mapping.channel == 10)
        #expect(mapping.toneController == 74 && mapping.regenerateController == 64)
        try Data(#"{"cv3_cc": 300}"#.utf8).write(to: file)
        #expect(throws: NeuroError(.invalidData, "\(file.path): cv3_cc must be 0…127, got 300")) { try MIDIMapping(contentsOf: file) }
        try Data(#"{"root_note": "C4"}"#.utf8).write(to: file)
        #expect(throws: NeuroError.self) { try MIDIMapping(contentsOf: file) }
        try Data(#"{"root_note": 60.5}"#.utf8).write(to: file)
        #expect(throws: NeuroError(.invalidData, "\(file.path): root_note: expected an integer, got 60.5")) {
            try MIDIMapping(contentsOf: file)
        }
        #expect(throws: NeuroError(.missingInput, "/nonexistent/map.json: no such file")) {
            try MIDIMapping(contentsOf: URL(fileURLWithPath: "/nonexistent/map.json"))
        }
    }
}
