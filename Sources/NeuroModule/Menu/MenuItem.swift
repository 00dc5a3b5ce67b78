/// One entry of the menu tree: a title and what choosing it does.
///
/// The whole tree is data (``MenuDefinition/standard``); ``ModuleMenu`` walks it and the
/// bindings (``MenuChoice``, ``MenuNumber``, ``MenuPage``) connect leaves to the status and to actions.
public struct MenuItem: Sendable, Equatable {
    /// The text of the item's row and the header of the screen it opens.
    public var title: String
    /// What the item opens or does.
    public var kind: MenuItemKind

    /// An item called `title` of the given kind.
    public init(_ title: String, _ kind: MenuItemKind) {
        self.title = title
        self.kind = kind
    }

    /// The item's children when it is a submenu, otherwise none.
    public var children: [MenuItem] {
        if case .submenu(let children) = kind { children } else { [] }
    }
}

/// What a ``MenuItem`` opens or does when pressed.
public enum MenuItemKind: Sendable, Equatable {
    /// A list of further items.
    case submenu([MenuItem])
    /// A list of options supplied at run time; pressing one emits its action.
    case choice(MenuChoice)
    /// A number edited with the encoder; every change emits its action.
    case number(MenuNumber)
    /// An action, emitted at once or, with a `confirmation` question, only after "OK".
    case action(MenuAction, confirmation: String?)
    /// A read-only page redrawn from the live status.
    case page(MenuPage)
}

/// A read-only page of the menu.
public enum MenuPage: Sendable, Equatable {
    /// CPU, temperature, real-time factor, xruns, late chunks, uptime and missing devices.
    case stats
    /// The target and range of all five CV inputs.
    case cvOverview
}
