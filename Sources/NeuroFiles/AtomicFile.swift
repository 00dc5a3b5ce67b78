import Foundation
import NeuroCore
#if canImport(Glibc)
import Glibc

private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin

private let systemWrite = Darwin.write
#endif

/// Writes whole files atomically: a temporary file in the same directory, then `rename(2)`.
///
/// Readers see either the old file or the complete new one, never a partial write; when
/// anything fails the temporary file is removed and an existing file at the destination is
/// left untouched.
public enum AtomicFile {
    /// Writes `bytes` to `url`, replacing any existing file.
    ///
    /// - Throws: `.cannotWrite` naming the file and the system error when the directory is
    ///   missing or not writable, the disk is full, or the rename fails.
    public static func write(_ bytes: [UInt8], to url: URL) throws(NeuroError) {
        let destination = url.standardizedFileURL.path
        let directory = url.standardizedFileURL.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NeuroError(.cannotWrite, "cannot write \(url.path): directory \(directory) does not exist")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw NeuroError(.cannotWrite, "cannot write \(url.path): \(systemMessage())")
        }
        do throws(NeuroError) {
            try writeAll(bytes, to: descriptor, path: url.path)
            guard fsync(descriptor) == 0 else {
                throw NeuroError(.cannotWrite, "cannot write \(url.path): \(systemMessage())")
            }
            guard close(descriptor) == 0 else {
                unlink(temporary)
                throw NeuroError(.cannotWrite, "cannot write \(url.path): \(systemMessage())")
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, destination) == 0 else {
            let message = systemMessage()
            unlink(temporary)
            throw NeuroError(.cannotWrite, "cannot write \(url.path): \(message)")
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(NeuroError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                unsafe systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw NeuroError(.cannotWrite, "cannot write \(path): \(systemMessage())")
            }
            written += result
        }
    }

    private static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}
