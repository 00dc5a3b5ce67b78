// Write files atomically, whole or piece by piece, and read them back with the project's errors.
import Foundation
import NeuroCore
import NeuroFiles

let folder = FileManager.default.temporaryDirectory
let notes = folder.appendingPathComponent("neurorack-notes.txt")

// Whole file: readers see the old file or the complete new one, never a partial write.
try AtomicFile.write(Array("first version\n".utf8), to: notes)
try AtomicFile.write(Array("second version\n".utf8), to: notes)
print(String(decoding: try InputFile.contents(of: notes), as: UTF8.self), terminator: "")

// Piece by piece: a temporary file next to the destination, renamed into place by commit().
let log = try PendingFile(destination: folder.appendingPathComponent("neurorack-log.bin"))
for period in 0..<4 {
    let bytes = [UInt8](repeating: UInt8(period), count: 256)
    let status = bytes.withUnsafeBytes { log.append($0) }  // allocation-free; returns errno
    guard status == 0 else { throw log.error(errno: status) }
}
try log.commit()
print("\(try InputFile.contents(of: log.destination).count) bytes committed")

// Missing input is `.missingInput` (exit code 66), naming the file.
do throws(NeuroError) {
    _ = try InputFile.contents(of: folder.appendingPathComponent("no-such-file.wav"))
} catch {
    print("\(error.kind) (exit \(error.exitCode)): \(error.message)")
}
try FileManager.default.removeItem(at: notes)
try FileManager.default.removeItem(at: log.destination)
