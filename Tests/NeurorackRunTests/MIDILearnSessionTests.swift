import Foundation
import NeuroCore
import NeuroHardware
import NeuroTestSupport
import Testing
@testable import neurorack_run

/// `play --midi-learn`: a moved control is offered, a key assigns it, the file is saved.
@Suite struct MIDILearnSessionTests {
    private func session(_ directory: TemporaryDirectory) -> (MIDILearnSession, LiveMIDIMapping, MIDIControlWatch, URL) {
        let file = directory.url.appendingPathComponent("map.json")
        let mapping = LiveMIDIMapping(.standard)
        let watch = MIDIControlWatch()
        return (MIDILearnSession(mapping: mapping, watch: watch, file: file), mapping, watch, file)
    }

    @Test func aMovedControllerIsAssignedByItsKeyAppliedAtOnceAndSaved() throws {
        let directory = try TemporaryDirectory()
        let (session, mapping, watch, file) = session(directory)
        #expect(session.poll() == nil)
        #expect(session.choose(key: UInt8(ascii: "m")) == nil)
        watch.record(.controlChange(channel: 1, controller: 21, value: 10))
        #expect(session.poll()?.hasPrefix("MIDI learn: CC 21 — r regenerate · m morph") == true)
        watch.record(.controlChange(channel: 1, controller: 21, value: 11))
        #expect(session.poll() == nil)
        #expect(session.choose(key: UInt8(ascii: "q"))?.contains("press one of") == true)
        #expect(session.choose(key: UInt8(ascii: "m")) == "MIDI learn: CC 21 → morph (saved to \(file.path))")
        #expect(mapping.mapping.morphController == 21)
        #expect(try MIDIMapping(contentsOf: file).morphController == 21)
        #expect(session.pending == nil)
    }

    @Test func skippingAndImpossibleTargetsChangeNothing() throws {
        let directory = try TemporaryDirectory()
        let (session, mapping, watch, file) = session(directory)
        watch.record(.noteOn(channel: 1, note: 36, velocity: 100))
        _ = session.poll()
        #expect(session.choose(key: UInt8(ascii: "v")) == "MIDI learn: note 36 can only regenerate; move a controller for volume")
        #expect(session.choose(key: UInt8(ascii: "x")) == "MIDI learn: note 36 skipped")
        #expect(mapping.mapping == .standard)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func midiLearnNeedsAMappingFileAndATerminal() async {
        #expect(await runCommandLine(["play", "--backend", "null", "--midi-learn"])?.exitCode == 64)
        let notTerminal = await runCommandLine(["play", "--backend", "null", "--midi-learn", "--midi-map", "/tmp/neurorack-learn.json"])
        #expect(notTerminal?.line == "error: --midi-learn needs a terminal: keys choose the targets")
    }
}
