import Foundation
import NeuroCore
#if canImport(Glibc)
import Glibc

private let systemWrite = Glibc.write
private let systemPositionedWrite = Glibc.pwrite
#elseif canImport(Darwin)
import Darwin

private let systemWrite = Darwin.write
private let systemPositionedWrite = Darwin.pwrite
#endif

/// A file being written under a temporary name next to its destination, renamed into place by
/// ``commit()`` or removed by ``abandon()``: the streaming form of ``AtomicFile``.
///
/// ``append(_:)`` and ``write(_:at:)`` return an `errno` value instead of throwing and never
/// allocate, so a render thread can write periods with them (they do block on the disk: not for
/// a device's audio thread).
public final class PendingFile: @unchecked Sendable {
    /// The file that ``commit()`` creates or replaces.
    public let destination: URL
    private let temporaryPath: String
    private var descriptor: Int32

    /// Creates the temporary file in the destination's directory.
    ///
    /// - Throws: `.cannotWrite` naming the destination when its directory does not exist or the
    ///   temporary file cannot be created.
    public init(destination url: URL) throws(NeuroError) {
        destination = url
        let directory = url.standardizedFileURL.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NeuroError(.cannotWrite, "cannot write \(url.path): directory \(directory) does not exist")
        }
        temporaryPath = directory + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw NeuroError(.cannotWrite, "cannot write \(url.path): \(Self.message(errno: errno))")
        }
    }

    deinit { abandon() }

    /// Appends `bytes` at the end; returns 0, or the `errno` of the failure.
    ///
    /// - Important: Allocation-free; blocks on the disk.
    public func append(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        var written = 0
        while written < bytes.count {
            let result = unsafe systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return 0
    }

    /// Writes `bytes` at byte `offset` (to patch a header); returns 0, or the `errno` of the failure.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        var written = 0
        while written < bytes.count {
            let result = unsafe systemPositionedWrite(
                descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return 0
    }

    /// Flushes the file to disk and renames it to ``destination``.
    ///
    /// - Throws: `.cannotWrite` naming the destination; the temporary file is removed then.
    public func commit() throws(NeuroError) {
        guard descriptor >= 0 else { throw NeuroError(.cannotWrite, "cannot write \(destination.path): the file was abandoned") }
        guard fsync(descriptor) == 0 else {
            let failure = error(errno: errno)
            abandon()
            throw failure
        }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let failure = error(errno: errno)
            unlink(temporaryPath)
            throw failure
        }
        guard rename(temporaryPath, destination.standardizedFileURL.path) == 0 else {
            let failure = error(errno: errno)
            unlink(temporaryPath)
            throw failure
        }
    }

    /// Closes and removes the temporary file; the destination is untouched. Idempotent.
    public func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    /// The error for a failed write with `errno` value `code`, naming the destination.
    public func error(errno code: Int32) -> NeuroError {
        NeuroError(.cannotWrite, "cannot write \(destination.path): \(Self.message(errno: code))")
    }

    private static func message(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}
