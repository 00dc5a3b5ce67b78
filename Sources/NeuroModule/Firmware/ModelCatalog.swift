import NeuroCore

/// The models the module's menu offers, and how to load one (the CLI supplies its registry).
public protocol ModelCatalog: Sendable {
    /// The names the menu lists.
    var names: [String] { get }
    /// Loads the model `name` (not real-time: reads files).
    func load(_ name: String) throws(NeuroError) -> any ImpactModel
}
