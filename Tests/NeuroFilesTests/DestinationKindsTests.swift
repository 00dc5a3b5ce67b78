import Foundation
import NeuroCore
import NeuroTestSupport
import Synchronization
import Testing
@testable import NeuroFiles

/// What `AtomicFile` / `PendingFile` do to each kind of destination (hostile-test defects 1 and 7).
@Suite struct DestinationKindsTests {
    private let bytes = Array("impact".utf8)

    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func devicesAreWrittenInPlaceNeverReplaced() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let null = directory.file("null"), full = directory.file("full")
        // Linux device numbers for major 1 (memory devices): minor 3 is null, 7 is full.
        #expect(mknod(null.path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 && mknod(full.path, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0)
        try AtomicFile.write(bytes, to: null)
        let error = #expect(throws: NeuroError.self) { try AtomicFile.write(bytes, to: full) }
        #expect(error == NeuroError(.cannotWrite, "cannot write \(full.path): No space left on device"))
        for device in [null, full] {
            var info = stat()
            #expect(stat(device.path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "\(device.path) is still a device")
        }
        #expect(try directory.entries() == ["full", "null"])
    }

    @Test func fifosAreWrittenInPlace() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fifo = directory.file("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let received = Mutex<Data?>(nil)
        let reader = Thread {
            let descriptor = open(fifo.path, O_RDONLY)
            var data = Data(), buffer = [UInt8](repeating: 0, count: 64)
            while case let count = read(descriptor, &buffer, buffer.count), count > 0 { data.append(contentsOf: buffer[0..<count]) }
            close(descriptor)
            received.withLock { $0 = data }
        }
        reader.start()
        try AtomicFile.write(bytes, to: fifo)
        for _ in 0..<1_000 where received.withLock({ $0 }) == nil { usleep(1_000) }
        #expect(received.withLock { $0 } == Data(bytes))
        var info = stat()
        #expect(stat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func symbolicLinksAreFollowedAndKept() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("target.wav"), link = directory.file("link.wav")
        try Data("old".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try AtomicFile.write(bytes, to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(FileManager.default.contents(atPath: target.path) == Data(bytes))
        #expect(try directory.entries() == ["link.wav", "target.wav"])
    }

    @Test func namesUpToTheFileSystemLimitCanBeWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let name = String(repeating: "n", count: 251) + ".wav"
        try AtomicFile.write(bytes, to: directory.file(name))
        #expect(try directory.entries() == [name])
    }

    @Test func directoriesAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: NeuroError(.cannotWrite, "cannot write \(directory.url.path): it is a directory")) {
            try AtomicFile.write(bytes, to: directory.url)
        }
    }
}

/// `InputFile` on what is not a plain file (hostile-test defect 8).
@Suite struct InputFileTests {
    @Test func directoriesEndlessDevicesAndMissingFilesAreClearErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: NeuroError(.missingInput, "\(directory.url.path): is a directory, not a file")) {
            try InputFile.contents(of: directory.url)
        }
        #expect(throws: NeuroError(.invalidData, "/dev/zero: larger than 4096 bytes, the limit for this input")) {
            try InputFile.contents(atPath: "/dev/zero", limit: 4_096)
        }
        #expect(throws: NeuroError(.missingInput, "/nonexistent: no such file")) { try InputFile.contents(atPath: "/nonexistent") }
        let file = directory.file("small")
        try Data([1, 2, 3]).write(to: file)
        #expect(try InputFile.contents(of: file, limit: 3) == Data([1, 2, 3]))
    }
}
