import Foundation
import NeuroCore
import NeuroTestSupport
import Testing
@testable import NeuroHardware

/// MIDI learn: assigning controls to targets, saving the mapping, watching the input, live replacement.
@Suite struct MIDILearningTests {
    @Test func aControllerMovesToItsNewTargetAndLeavesItsOldOne() throws {
        let learned = try MIDIMapping.standard.assigning(.controller(74), to: .morph)
        #expect(learned.morphController == 74)
        #expect(learned.toneController == nil)
        #expect(learned.volumeController == 7)
        let again = try learned.assigning(.controller(20), to: .cv3)
        #expect(again.toneController == 20 && again.morphController == 74)
    }

    @Test func aNoteCanOnlyRegenerate() throws {
        #expect(try MIDIMapping.standard.assigning(.note(36), to: .regenerate).regenerateNote == 36)
        let error = #expect(throws: NeuroError.self) { try MIDIMapping.standard.assigning(.note(36), to: .volume) }
        #expect(error?.message == "note 36 can only regenerate; move a controller for volume")
    }

    @Test func aSavedMappingReadsBackWithTheControlsThatAreOff() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("learned.json")
        var mapping = try MIDIMapping.standard.assigning(.controller(7), to: .morph)
        mapping.pitchMode = .rate
        mapping.channel = 3
        try mapping.write(to: file)
        #expect(try MIDIMapping(contentsOf: file) == mapping)
        #expect(try String(contentsOf: file, encoding: .utf8).contains(#""volume_cc" : null"#))
    }

    @Test func theWatchKeepsTheNewestNoteOrControllerWithASequence() {
        let watch = MIDIControlWatch()
        #expect(watch.latest == nil)
        watch.record(.controlChange(channel: 1, controller: 20, value: 3))
        #expect(watch.latest?.control == .controller(20))
        let first = watch.latest?.sequence ?? 0
        watch.record(.noteOff(channel: 1, note: 40))
        watch.record(.programChange(channel: 1, program: 2))
        #expect(watch.latest?.sequence == first)
        watch.record(.controlChange(channel: 1, controller: 20, value: 4))
        #expect(watch.latest?.sequence == first + 1)
        watch.record(.noteOn(channel: 2, note: 36, velocity: 90))
        #expect(watch.latest?.control == .note(36))
    }

    @Test func aLiveMappingReturnsWhatWasStored() throws {
        var mapping = MIDIMapping.standard
        mapping.channel = 16
        mapping.regenerateNote = 0
        mapping.pitchMode = .rate
        mapping.transposes = false
        mapping.volumeController = nil
        let live = LiveMIDIMapping(.standard)
        #expect(live.mapping == .standard)
        live.store(mapping)
        #expect(live.mapping == mapping)
    }
}
