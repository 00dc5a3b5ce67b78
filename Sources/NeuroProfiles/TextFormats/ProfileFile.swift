import Foundation
import NeuroCore
import NeuroFiles

/// Reads descriptor curves given on the command line (`render --controls`, `--morph FILE`):
/// CSV with the header `rms,zcr,rolloff,flatness,bandwidth,centroid,f0` (any column order), one
/// row per frame, or the JSON form of `ImpactProfile`.
///
/// Blank lines and lines starting with `#` are skipped. Every error names the file, the line and
/// the column.
public enum ProfileFile {
    /// A profile by name (built-in or measured), or read from a `.csv`/`.json` file or any path with a slash.
    ///
    /// - Throws: `.usage` for an unknown name, and what ``read(_:)`` throws for a file.
    public static func profile(nameOrFile: String) throws(NeuroError) -> ImpactProfile {
        let isFile = nameOrFile.contains("/") || [".csv", ".json"].contains { nameOrFile.lowercased().hasSuffix($0) }
        return isFile ? try read(nameOrFile) : try ImpactProfile.named(nameOrFile)
    }

    /// The most frames a controls file may hold (and `render --frames` may ask for).
    public static let maxFrames = 100_000

    /// The largest controls file read, in bytes (100 000 frames of long numbers fit easily).
    public static let maxFileBytes = 64 << 20

    /// Reads the file at `path` (`-`: standard input; `.json` as JSON, anything else as CSV).
    ///
    /// - Throws: `.missingInput` when the file does not exist or cannot be read, `.invalidData`
    ///   when it is malformed, has no frames, or holds a value that is not a finite number.
    public static func read(_ path: String) throws(NeuroError) -> ImpactProfile {
        let url = URL(fileURLWithPath: path)
        let data = try InputFile.contents(atPath: path, limit: maxFileBytes)
        let name = path == "-" ? "stdin" : url.deletingPathExtension().lastPathComponent
        if url.pathExtension.lowercased() == "json" {
            return try decodeJSON(data, path: path, name: name)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NeuroError(.invalidData, "\(path): not UTF-8 text")
        }
        return ImpactProfile(name: name, frames: try parseCSV(text, path: path))
    }

    /// The frames of CSV `text`; `path` is used in error messages.
    public static func parseCSV(_ text: String, path: String) throws(NeuroError) -> [ControlFrame] {
        let expected = Descriptor.allCases.map(\.key).joined(separator: ",")
        var columns: [Descriptor]?
        var frames: [ControlFrame] = []
        // Lines are taken one at a time, so parsing stops at the frame limit instead of first
        // splitting a huge file into lines.
        var rest = Substring(text)
        var lineNumber = 0
        while !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let rawLine = rest[..<end]
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard let columns else {
                columns = try header(fields, path: path, expected: expected)
                continue
            }
            guard fields.count == columns.count else {
                throw NeuroError(.invalidData, "\(path) line \(lineNumber): expected \(columns.count) values, found \(fields.count)")
            }
            var frame = ControlFrame.silence
            for (descriptor, field) in zip(columns, fields) {
                guard let value = Float(field) else {
                    throw NeuroError(.invalidData, "\(path) line \(lineNumber), column '\(descriptor.key)': '\(field)' is not a number")
                }
                guard value.isFinite else {
                    throw NeuroError(.invalidData, "\(path) line \(lineNumber), column '\(descriptor.key)': '\(field)' is not a finite number")
                }
                frame[descriptor] = value
            }
            frames.append(frame)
            guard frames.count <= maxFrames else {
                throw NeuroError(.invalidData, "\(path) line \(lineNumber): more than \(maxFrames) frames, the limit of a controls file")
            }
        }
        guard columns != nil else {
            throw NeuroError(.invalidData, "\(path): empty, expected the header line \(expected)")
        }
        guard !frames.isEmpty else {
            throw NeuroError(.invalidData, "\(path): no frames after the header")
        }
        return frames
    }

    /// The descriptor of each column of a header line.
    private static func header(_ fields: [String], path: String, expected: String) throws(NeuroError) -> [Descriptor] {
        var columns: [Descriptor] = []
        for field in fields {
            guard let descriptor = Descriptor(key: field.lowercased()) else {
                throw NeuroError(.invalidData, "\(path) line 1: unknown column '\(field)', expected the header \(expected)")
            }
            guard !columns.contains(descriptor) else {
                throw NeuroError(.invalidData, "\(path) line 1: column '\(field)' appears twice")
            }
            columns.append(descriptor)
        }
        if let missing = Descriptor.allCases.first(where: { !columns.contains($0) }) {
            throw NeuroError(.invalidData, "\(path) line 1: missing column '\(missing.key)', expected the header \(expected)")
        }
        return columns
    }

    private static func decodeJSON(_ data: Data, path: String, name: String) throws(NeuroError) -> ImpactProfile {
        var profile: ImpactProfile
        do {
            profile = try JSONDecoder().decode(ImpactProfile.self, from: data)
        } catch {
            throw NeuroError(.invalidData, "\(path): not a profile JSON (\(error))")
        }
        guard !profile.frames.isEmpty else { throw NeuroError(.invalidData, "\(path): no frames") }
        guard profile.frames.count <= maxFrames else {
            throw NeuroError(.invalidData, "\(path): \(profile.frames.count) frames, more than \(maxFrames), the limit of a controls file")
        }
        if let bad = profile.frames.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(.invalidData, "\(path): frame \(bad) contains a value that is not a finite number")
        }
        guard profile.sampleRate == ImpactProfile.standardSampleRate, profile.hop == ImpactProfile.standardHop else {
            throw NeuroError(
                .invalidData,
                "\(path): curves measured at \(profile.sampleRate) Hz with hop \(profile.hop); the models take \(ImpactProfile.standardSampleRate) Hz, hop \(ImpactProfile.standardHop) (neurorack-run describe measures at that rate)")
        }
        if profile.name == "custom" { profile.name = name }
        return profile
    }
}
