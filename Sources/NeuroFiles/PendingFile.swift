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

/// A file being written, made visible whole by ``commit()`` or not at all (``abandon()``): the
/// streaming form of ``AtomicFile``.
///
/// What the destination is decides how it is written:
/// - a regular file, or nothing yet: a temporary file in the same directory (a short hidden
///   name, so destination names up to the file system's limit work), renamed over it;
/// - a symbolic link: followed, and its target written as above (the link stays a link);
/// - a device, FIFO or socket (`/dev/null`, `/dev/stdout`, a pipe): written in place, never
///   replaced; a write error (`/dev/full`: no space) is an error;
/// - a directory: refused.
///
/// Temporary files are removed when the process gets SIGINT, SIGTERM or SIGHUP while they exist.
/// ``append(_:)`` and ``write(_:at:)`` return an `errno` value instead of throwing and never
/// allocate, so a render thread can write periods with them (they block on the disk: not for a
/// device's audio thread).
public final class PendingFile: @unchecked Sendable {
    /// The file named by the caller.
    public let destination: URL
    private let finalPath: String
    private let temporaryPath: String?
    private var descriptor: Int32

    /// Opens the destination for writing as described in the type's documentation.
    ///
    /// - Throws: `.cannotWrite` naming the destination when its directory does not exist, it is
    ///   a directory, or it cannot be created or opened.
    public init(destination url: URL) throws(NeuroError) {
        destination = url
        let named = url.path
        var info = stat()
        let exists = stat(named, &info) == 0
        let kind = info.st_mode & S_IFMT
        if exists && kind == S_IFDIR {
            throw NeuroError(.cannotWrite, "cannot write \(named): it is a directory")
        }
        if exists && kind != S_IFREG {
            // A device, FIFO or socket: write into it, never replace it.
            descriptor = open(named, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw NeuroError(.cannotWrite, "cannot write \(named): \(Self.message(errno: errno))") }
            finalPath = named
            temporaryPath = nil
            return
        }
        // A regular file (through any symbolic links) or a new one: replace atomically.
        let target = exists ? URL(fileURLWithPath: named).resolvingSymlinksInPath().path : named
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NeuroError(.cannotWrite, "cannot write \(named): directory \(directory) does not exist")
        }
        let temporary = directory + "/.neurorack-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw NeuroError(.cannotWrite, "cannot write \(named): \(Self.message(errno: errno))")
        }
        TemporaryFiles.shared.register(temporary)
        finalPath = target
        temporaryPath = temporary
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

    /// Writes `bytes` at byte `offset` (to patch a header); returns 0, or the `errno` of the
    /// failure (`ESPIPE` for a destination written in place that cannot seek, such as a pipe).
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

    /// Flushes the file to disk and renames it into place (or closes the device it wrote into).
    ///
    /// - Throws: `.cannotWrite` naming the destination; the temporary file is removed then.
    public func commit() throws(NeuroError) {
        guard descriptor >= 0 else { throw NeuroError(.cannotWrite, "cannot write \(destination.path): the file was abandoned") }
        guard let temporaryPath else {
            let closed = close(descriptor)
            descriptor = -1
            guard closed == 0 else { throw error(errno: errno) }
            return
        }
        guard fsync(descriptor) == 0 else {
            let failure = error(errno: errno)
            abandon()
            throw failure
        }
        let closed = close(descriptor)
        descriptor = -1
        defer { TemporaryFiles.shared.unregister(temporaryPath) }
        guard closed == 0 else {
            let failure = error(errno: errno)
            unlink(temporaryPath)
            throw failure
        }
        guard rename(temporaryPath, finalPath) == 0 else {
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
        if let temporaryPath {
            unlink(temporaryPath)
            TemporaryFiles.shared.unregister(temporaryPath)
        }
    }

    /// The error for a failed write with `errno` value `code`, naming the destination.
    public func error(errno code: Int32) -> NeuroError {
        NeuroError(.cannotWrite, "cannot write \(destination.path): \(Self.message(errno: code))")
    }

    private static func message(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}
