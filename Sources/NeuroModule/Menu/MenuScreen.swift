/// The screen the menu is on; ``ModuleMenu/screen`` holds it and ``ScreenRenderer`` draws it.
///
/// A `path` lists the child indices from the root to an item: `[4, 2]` is the third child of
/// the root's fifth item. Its last index is also where the parent list's cursor returns.
public enum MenuScreen: Sendable, Equatable {
    /// The idle home page (model, profiles, volume, descriptor curves, warnings).
    case home
    /// The list of the submenu at `path`; `cursor` is a child index or the child count (the "< Back" row).
    case list(path: [Int], cursor: Int)
    /// The options of the choice item at `path`; `cursor` is an option index or the option count ("< Back").
    case choice(path: [Int], cursor: Int)
    /// The number item at `path` being edited, showing `value`.
    case number(path: [Int], value: Double)
    /// The confirmation of the action item at `path`; `isConfirmSelected` is true when "OK" is highlighted.
    case confirmation(path: [Int], isConfirmSelected: Bool)
    /// The read-only page item at `path`.
    case page(path: [Int])
}
