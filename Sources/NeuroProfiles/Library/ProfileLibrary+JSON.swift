import Foundation
import NeuroCore

extension ProfileLibrary {
    /// The format tag of library files.
    public static let formatTag = "neurorack-profiles"

    private struct File: Decodable {
        var format: String
        var version: Int
        var profiles: [StoredEntry]
    }

    private struct StoredEntry: Decodable {
        private enum Keys: String, CodingKey { case kit, source, author, license }
        var entry: Entry

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            entry = Entry(
                profile: try ImpactProfile(from: decoder),
                kit: try container.decode(String.self, forKey: .kit),
                source: try container.decode(String.self, forKey: .source),
                author: try container.decode(String.self, forKey: .author),
                license: try container.decode(String.self, forKey: .license))
        }
    }

    /// Decodes a library file; `fileName` is used in error messages.
    ///
    /// - Throws: `NeuroError` `.invalidData` naming the file and the problem.
    public init(json data: Data, fileName: String) throws(NeuroError) {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw NeuroError(.invalidData, "\(fileName): not a profile library (\(error))")
        }
        guard file.format == Self.formatTag, file.version == 1 else {
            throw NeuroError(.invalidData, "\(fileName): expected format \"\(Self.formatTag)\" version 1, found \"\(file.format)\" version \(file.version)")
        }
        do {
            try self.init(entries: file.profiles.map(\.entry))
        } catch {
            throw NeuroError(error.kind, "\(fileName): \(error.message)")
        }
    }
}
