import Foundation
import NeuroTestSupport
import Testing
import NeuroCore
import NeuroAudio
@testable import NeuroFiles

@Suite struct AtomicWriteTests {
    @Test func nonFiniteSamplesLeaveNoFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let audio = AudioBuffer(mono: [0.1, .nan, 0.2], sampleRate: 22_050)
        for format in WAVSampleFormat.allCases {
            let error = #expect(throws: NeuroError.self) {
                try WAVWriter(sampleFormat: format).write(audio, to: directory.file("out.wav"))
            }
            #expect(error?.kind == .invalidData)
            #expect(error?.message.contains("sample 1 of channel 0") == true)
        }
        #expect(try directory.entries().isEmpty)
    }

    @Test func failedWriteKeepsTheExistingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("keep.wav")
        let good = AudioBuffer(mono: [0.25, -0.25], sampleRate: 22_050)
        try WAVWriter(sampleFormat: .float32).write(good, to: file)
        #expect(throws: NeuroError.self) {
            try WAVWriter(sampleFormat: .float32).write(AudioBuffer(mono: [.infinity], sampleRate: 22_050), to: file)
        }
        #expect(try WAVReader.read(from: file).audio == good)
        #expect(try directory.entries() == ["keep.wav"])
    }

    @Test func replacesAnExistingFileWithoutLeftovers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("replace.wav")
        try AtomicFile.write([1, 2, 3], to: file)
        try AtomicFile.write([4, 5], to: file)
        #expect(try Data(contentsOf: file) == Data([4, 5]))
        #expect(try directory.entries() == ["replace.wav"])
    }

    @Test func missingDirectoryCannotWrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: NeuroError.self) {
            try AtomicFile.write([1], to: directory.file("absent/out.wav"))
        }
        #expect(error?.kind == .cannotWrite)
        #expect(error?.message.contains("does not exist") == true)
    }

    @Test func unwritableDestinationLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(at: directory.file("taken.wav"), withIntermediateDirectories: false)
        let error = #expect(throws: NeuroError.self) { try AtomicFile.write([1, 2], to: directory.file("taken.wav")) }
        #expect(error?.kind == .cannotWrite)
        #expect(try directory.entries() == ["taken.wav"])
    }
}
