import Foundation
import NeuroCore

/// Decodes JSON input into `Decodable` values with errors that name the input and the field.
///
/// Foundation reports a number where an integer belongs (`22050.5`, `1e20`) as "The given data
/// was not valid JSON", with no key. When the input is valid JSON but fails that way, the number
/// at fault is found by putting a 0 in place of each number that is not an `Int`, one at a time,
/// and decoding again.
public enum JSONFile {
    /// Decodes `data` as a `Value`; `name` (a file name) starts every error message.
    ///
    /// - Throws: `.invalidData`: "NAME: missing key a.b", "NAME: a.b: expected an integer, got
    ///   22050.5", "NAME: a.b: …" for other type mismatches, "NAME: not valid JSON (…)".
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data, name: String) throws(NeuroError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw NeuroError(.invalidData, "\(name): missing key \(path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw NeuroError(.invalidData, "\(name): \(path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw NeuroError(.invalidData, "\(name): \(path(context.codingPath)): \(context.debugDescription)")
        } catch {
            guard let document = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) else {
                throw NeuroError(.invalidData, "\(name): not valid JSON (\(Self.reason(error)))")
            }
            for (location, number) in nonIntegers(in: document, at: []) where decodes(type, replacing(location, in: document)) {
                throw NeuroError(.invalidData, "\(name): \(Self.path(location)): expected an integer, got \(number)")
            }
            throw NeuroError(.invalidData, "\(name): cannot be decoded (\(Self.reason(error)))")
        }
    }

    /// Writes `value` to `url` atomically as pretty-printed JSON with sorted keys and a final newline.
    ///
    /// - Throws: `.invalidData` naming the file and `what` when the value cannot be encoded
    ///   (a non-finite number), `.cannotWrite` when the file cannot be written.
    public static func write<Value: Encodable>(_ value: Value, to url: URL, what: String) throws(NeuroError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(value) else {
            throw NeuroError(.invalidData, "\(url.path): \(what) cannot be written as JSON (a value is not finite)")
        }
        try AtomicFile.write(Array(data) + [0x0A], to: url)
    }

    /// One step into a JSON document: an object key or an array index.
    private enum Step {
        case key(String)
        case index(Int)
    }

    /// Every number in `value` that no `Int` can hold, with where it is, in document order.
    private static func nonIntegers(in value: Any, at location: [Step]) -> [([Step], NSNumber)] {
        switch value {
        case let object as [String: Any]:
            object.keys.sorted().flatMap { nonIntegers(in: object[$0] as Any, at: location + [.key($0)]) }
        case let array as [Any]:
            array.indices.flatMap { nonIntegers(in: array[$0], at: location + [.index($0)]) }
        case let number as NSNumber where !(Double(Int.min)..<Double(Int.max)).contains(number.doubleValue)
            || number.doubleValue.rounded(.towardZero) != number.doubleValue:
            [(location, number)]
        default:
            []
        }
    }

    /// `document` with a 0 at `location`.
    private static func replacing(_ location: [Step], in document: Any) -> Any {
        guard let step = location.first else { return 0 }
        let rest = Array(location.dropFirst())
        switch (step, document) {
        case (.key(let key), var object as [String: Any]):
            object[key] = replacing(rest, in: object[key] as Any)
            return object
        case (.index(let index), var array as [Any]):
            array[index] = replacing(rest, in: array[index])
            return array
        default:
            return document
        }
    }

    /// Whether `document` decodes as a `Value`, or fails only at a field with a coding path.
    private static func decodes<Value: Decodable>(_ type: Value.Type, _ document: Any) -> Bool {
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: .fragmentsAllowed) else { return false }
        do {
            _ = try JSONDecoder().decode(type, from: data)
            return true
        } catch let DecodingError.dataCorrupted(context) {
            return !context.codingPath.isEmpty
        } catch {
            return true
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func path(_ location: [Step]) -> String {
        location.map { step in
            switch step {
            case .key(let key): ".\(key)"
            case .index(let index): "[\(index)]"
            }
        }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// The innermost description Foundation gives for a decoding failure.
    private static func reason(_ error: any Error) -> String {
        guard case DecodingError.dataCorrupted(let context) = error else { return "\(error)" }
        return (context.underlyingError.map { ($0 as NSError).localizedDescription }) ?? context.debugDescription
    }
}
