import Foundation
import NeuroCore
import NeuroTestSupport
import Synchronization
import Testing
@testable import NeuroHardware

@Suite struct OSCMessageTests {
    @Test func roundTripsMessagesAndReadsBundles() throws {
        let play = OSCMessage(address: "/neurorack/play", arguments: [.float(0.5), .int(7)])
        #expect(OSCMessage.messages(in: play.encoded) == [play])
        let profile = OSCMessage(address: "/neurorack/profile", arguments: [.string("snare"), .bool(true)])
        #expect(OSCMessage.messages(in: profile.encoded) == [profile])
        var bundle = Array("#bundle".utf8) + [0] + [UInt8](repeating: 0, count: 8)
        for element in [play.encoded, profile.encoded] {
            bundle += withUnsafeBytes(of: Int32(element.count).bigEndian, Array.init) + element
        }
        #expect(OSCMessage.messages(in: bundle) == [play, profile])
    }

    @Test func malformedPacketsAreRejectedNotTrusted() {
        let good = OSCMessage(address: "/neurorack/cv", arguments: [.int(3), .float(2)]).encoded
        var cases: [[UInt8]] = [[], [0], Array("/no-terminator".utf8), Array(good.dropLast()), Array(good.dropLast(4))]
        cases.append(Array("/a\0\0,x\0\0".utf8))
        cases.append(Array("#bundle\0".utf8) + [UInt8](repeating: 0, count: 8) + [0x7F, 0xFF, 0xFF, 0xFF])
        cases.append(Array("#bundle\0".utf8) + [UInt8](repeating: 0, count: 8) + [0, 0, 0, 3, 1, 2, 3])
        for packet in cases {
            #expect(OSCMessage.messages(in: packet) == nil, "\(packet)")
        }
    }

    @Test func theAddressSpaceMapsToCommands() {
        func command(_ address: String, _ arguments: [OSCMessage.Argument] = []) -> Result<OSCCommand, OSCRejection> {
            OSCCommand.of(OSCMessage(address: address, arguments: arguments))
        }
        #expect(command("/neurorack/play") == .success(.event(.gatePlay(velocity: 1))))
        #expect(command("/neurorack/play", [.float(0.25), .int(-12)]) == .success(.event(.gatePlay(velocity: 0.25, semitones: -12))))
        #expect(command("/neurorack/note", [.int(7)]) == .success(.event(.gateNote(velocity: 1, semitones: 7))))
        #expect(command("/neurorack/note", [.float(-3), .float(0.5)]) == .success(.event(.gateNote(velocity: 0.5, semitones: -3))))
        #expect(command("/neurorack/note") == .failure(.badArguments("/neurorack/note")))
        #expect(command("/neurorack/regenerate") == .success(.event(.gateRegenerate)))
        #expect(command("/neurorack/cv", [.int(4), .float(2)]) == .success(.event(.cv(index: 4, volts: 2))))
        #expect(command("/neurorack/morph", [.float(0.3)]) == .success(.event(.morph(alpha: 0.3))))
        #expect(command("/neurorack/volume", [.int(1)]) == .success(.event(.volume(1))))
        #expect(command("/neurorack/profile", [.string("hat")]) == .success(.profile("hat")))
        #expect(command("/neurorack/model", [.string("modal")]) == .success(.model("modal")))
        #expect(command("/neurorack/cv", [.float(2.5), .float(1)]) == .failure(.badArguments("/neurorack/cv")))
        #expect(command("/neurorack/morph") == .failure(.badArguments("/neurorack/morph")))
        #expect(command("/neurorack/play", [.string("loud")]) == .failure(.badArguments("/neurorack/play")))
        #expect(command("/other") == .failure(.unknownAddress("/other")))
    }
}

@Suite struct OSCServerTests {
    @Test func receivesCommandsAndCountsWhatItDrops() throws {
        let server = try OSCServer(port: 0)
        let commands = Mutex<[OSCCommand]>([])
        server.start { command in commands.withLock { $0.append(command) } }
        defer { server.stop() }
        OSCTestClient.send([
            OSCMessage(address: "/neurorack/play", arguments: [.float(0.5)]).encoded, [1, 2, 3],
            OSCMessage(address: "/nope").encoded, OSCMessage(address: "/neurorack/regenerate").encoded,
        ], to: server.port)
        for _ in 0..<1_000 where server.counts.received < 4 { usleep(2_000) }
        #expect(commands.withLock { $0 } == [.event(.gatePlay(velocity: 0.5)), .event(.gateRegenerate)])
        #expect(server.counts == (4, 1, 1))
    }

    @Test func badAddressesAndTakenPortsAreClearErrors() throws {
        #expect(throws: NeuroError.self) { try OSCServer(host: "localhost:x", port: 9000) }
        let first = try OSCServer(port: 0)
        let error = #expect(throws: NeuroError.self) { try OSCServer(port: first.port) }
        #expect(error?.kind == .unavailable && error?.message.contains("cannot listen on 127.0.0.1:\(first.port)") == true)
    }
}
