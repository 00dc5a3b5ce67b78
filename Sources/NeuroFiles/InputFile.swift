import Foundation
import NeuroCore

/// Reads whole input files with the project's error conventions, bounded in size.
///
/// `-` names standard input. FIFOs and devices are read like files, up to the limit, so that
/// `/dev/zero` or an endless pipe cannot exhaust memory.
public enum InputFile {
    /// The largest input read when the caller names no limit: 1 GiB.
    public static let defaultLimit = 1 << 30

    /// The bytes of the file at `url`.
    ///
    /// - Throws: `.missingInput` naming the file when it does not exist, is a directory or
    ///   cannot be read; `.invalidData` when it holds more than `limit` bytes.
    public static func contents(of url: URL, limit: Int = defaultLimit) throws(NeuroError) -> Data {
        try contents(atPath: url.path, limit: limit)
    }

    /// The file at `path`, opened for reading, for callers that read it in pieces.
    ///
    /// - Throws: `.missingInput` naming the file when it does not exist, is a directory or
    ///   cannot be opened.
    public static func handle(forReading path: String) throws(NeuroError) -> FileHandle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw NeuroError(.missingInput, "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw NeuroError(.missingInput, "\(path): is a directory, not a file") }
        guard let opened = FileHandle(forReadingAtPath: path) else {
            throw NeuroError(.missingInput, "\(path): cannot be opened for reading (\(String(cString: strerror(errno))))")
        }
        return opened
    }

    /// The bytes of the file at `path` (`-`: standard input).
    ///
    /// - Throws: like ``contents(of:limit:)``.
    public static func contents(atPath path: String, limit: Int = defaultLimit) throws(NeuroError) -> Data {
        let name = path == "-" ? "standard input" : path
        let handle = path == "-" ? FileHandle.standardInput : try self.handle(forReading: path)
        defer { if path != "-" { try? handle.close() } }
        var data = Data()
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw NeuroError(.missingInput, "\(name): cannot read (\(error.localizedDescription))")
            }
            guard let chunk, !chunk.isEmpty else { return data }
            guard data.count + chunk.count <= limit else {
                throw NeuroError(.invalidData, "\(name): larger than \(limit) bytes, the limit for this input")
            }
            data.append(chunk)
        }
    }
}
