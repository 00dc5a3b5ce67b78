/// A coding key with any name, for JSON forms whose keys come from data (descriptor keys).
public struct NamedCodingKey: CodingKey, Sendable {
    /// The key.
    public var stringValue: String
    /// Always `nil`: these keys are names only.
    public var intValue: Int? { nil }

    /// The key `name`.
    public init(_ name: String) { stringValue = name }

    /// The key `stringValue`.
    public init?(stringValue: String) { self.stringValue = stringValue }

    /// Never succeeds: these keys are names only.
    public init?(intValue: Int) { nil }
}
