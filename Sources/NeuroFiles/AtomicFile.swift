import Foundation
import NeuroCore

/// Writes whole files atomically: a temporary file in the same directory, then `rename(2)`.
///
/// Readers see either the old file or the complete new one, never a partial write; when
/// anything fails the temporary file is removed and an existing file at the destination is
/// left untouched. ``PendingFile`` is the same mechanism for files written piece by piece.
public enum AtomicFile {
    /// Writes `bytes` to `url`, replacing any existing file.
    ///
    /// - Throws: `.cannotWrite` naming the file and the system error when the directory is
    ///   missing or not writable, the disk is full, or the rename fails.
    public static func write(_ bytes: [UInt8], to url: URL) throws(NeuroError) {
        let file = try PendingFile(destination: url)
        let status = bytes.withUnsafeBytes { unsafe file.append($0) }
        guard status == 0 else {
            file.abandon()
            throw file.error(errno: status)
        }
        try file.commit()
    }
}
