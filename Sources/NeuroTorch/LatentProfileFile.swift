import Foundation
import NeuroCore
import NeuroFiles

/// Latent profiles as JSON files: `{"name", "dimension", "frame_rate", "frames": [[…], …]}`,
/// one array of `dimension` numbers per latent frame.
public enum LatentProfileFile {
    /// The largest file read (64 MiB).
    public static let byteLimit = 64 << 20

    private struct Contents: Codable {
        var name: String
        var dimension: Int
        var frameRate: Double
        var frames: [[Float]]

        enum CodingKeys: String, CodingKey {
            case name, dimension, frames
            case frameRate = "frame_rate"
        }
    }

    /// The JSON text of `profile` (keys sorted, one frame per array).
    public static func json(_ profile: LatentProfile) -> String {
        let frames = (0..<profile.frameCount).map { Array(profile.values[($0 * profile.dimension)..<(($0 + 1) * profile.dimension)]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let contents = Contents(name: profile.name, dimension: profile.dimension, frameRate: profile.frameRate, frames: frames)
        let data = (try? encoder.encode(contents)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes `profile` to `url` atomically.
    ///
    /// - Throws: `.cannotWrite` naming the file.
    public static func write(_ profile: LatentProfile, to url: URL) throws(NeuroError) {
        try AtomicFile.write(Array(json(profile).utf8), to: url)
    }

    /// Reads the latent profile at `path`.
    ///
    /// - Throws: `.missingInput` when it cannot be read, `.invalidData` naming the file and what is wrong.
    public static func read(_ path: String) throws(NeuroError) -> LatentProfile {
        let data = try InputFile.contents(atPath: path, limit: byteLimit)
        let contents: Contents
        do {
            contents = try JSONDecoder().decode(Contents.self, from: data)
        } catch {
            throw NeuroError(
                .invalidData,
                "\(path): not a latent profile (expected JSON with name, dimension, frame_rate and frames: arrays of numbers): \(error)")
        }
        if let index = contents.frames.firstIndex(where: { $0.count != contents.dimension }) {
            throw NeuroError(
                .invalidData, "\(path): frame \(index) has \(contents.frames[index].count) values, \"dimension\" is \(contents.dimension)")
        }
        do {
            return try LatentProfile(
                name: contents.name, dimension: contents.dimension, frameRate: contents.frameRate, values: contents.frames.flatMap { $0 })
        } catch {
            throw NeuroError(.invalidData, "\(path): \(error.message)")
        }
    }
}
