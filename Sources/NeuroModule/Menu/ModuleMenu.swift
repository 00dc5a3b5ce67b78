/// The menu's state machine: inputs in, actions out.
///
/// Controls (see docs/SCREEN.md):
/// - on the home page, turning changes the volume by 1 % per detent and a press opens the menu;
/// - in a list, turning moves the cursor (wrapping around, past a "< Back" row at the end), a press
///   enters the item and ``MenuInput/back`` goes up one level (from the root to the home page);
/// - in a choice, turning moves the cursor (wrapping), a press chooses and returns to the list;
/// - on a number, turning changes it (clamped to its limits) and emits its action at every change,
///   a press or back returns to the list;
/// - on a confirmation, turning clockwise selects "OK" and anticlockwise "Cancel"; a press applies
///   the selection, back cancels;
/// - on a page, a press or back returns to the list.
///
/// The menu keeps no copy of the status: every call gets the current one, so lists that change
/// at run time (models, profiles) are read afresh and a cursor beyond a shrunk list is pulled back.
public struct ModuleMenu: Sendable, Equatable {
    /// The menu tree (``MenuDefinition/standard`` unless a test gives another).
    public let root: MenuItem
    /// The screen shown now.
    public private(set) var screen: MenuScreen = .home

    /// A menu over `root`, on the home page.
    public init(root: MenuItem = MenuDefinition.standard) {
        self.root = root
    }

    /// The item at `path`, or `nil` when the path leads nowhere in the tree.
    public func item(at path: [Int]) -> MenuItem? {
        var item = root
        for index in path {
            let children = item.children
            guard children.indices.contains(index) else { return nil }
            item = children[index]
        }
        return item
    }

    /// Goes back to the home page, for example after some idle time chosen by the firmware.
    public mutating func returnHome() {
        screen = .home
    }

    /// Applies one input and returns the action the firmware must carry out, if any.
    public mutating func handle(_ input: MenuInput, status: ModuleStatus) -> MenuAction? {
        switch screen {
        case .home:
            return handleHome(input, status: status)
        case .list(let path, let cursor):
            return handleList(input, path: path, cursor: cursor, status: status)
        case .choice(let path, let cursor):
            return handleChoice(input, path: path, cursor: cursor, status: status)
        case .number(let path, let value):
            return handleNumber(input, path: path, value: value, status: status)
        case .confirmation(let path, let isConfirmSelected):
            return handleConfirmation(input, path: path, isConfirmSelected: isConfirmSelected)
        case .page(let path):
            if case .turn = input { return nil }
            leave(path)
            return nil
        }
    }

    private mutating func handleHome(_ input: MenuInput, status: ModuleStatus) -> MenuAction? {
        switch input {
        case .turn(let detents):
            let volume = MenuNumber.volume
            let value = volume.value(volume.value(in: status), movedBy: detents, in: status)
            return value == volume.value(in: status) ? nil : volume.action(applying: value, in: status)
        case .press:
            screen = .list(path: [], cursor: 0)
            return nil
        case .back:
            return nil
        }
    }

    private mutating func handleList(_ input: MenuInput, path: [Int], cursor: Int, status: ModuleStatus) -> MenuAction? {
        let children = item(at: path)?.children ?? []
        let cursor = min(cursor, children.count)
        switch input {
        case .turn(let detents):
            screen = .list(path: path, cursor: Self.wrapped(cursor + detents, count: children.count + 1))
            return nil
        case .back:
            leave(path)
            return nil
        case .press:
            guard cursor < children.count else {
                leave(path)
                return nil
            }
            return enter(children[cursor], at: path + [cursor], status: status)
        }
    }

    private mutating func enter(_ item: MenuItem, at path: [Int], status: ModuleStatus) -> MenuAction? {
        switch item.kind {
        case .submenu:
            screen = .list(path: path, cursor: 0)
        case .choice(let choice):
            screen = .choice(path: path, cursor: choice.selectedIndex(in: status) ?? 0)
        case .number(let number):
            screen = .number(path: path, value: number.value(number.value(in: status), movedBy: 0, in: status))
        case .action(let action, let confirmation):
            guard confirmation != nil else { return action }
            screen = .confirmation(path: path, isConfirmSelected: false)
        case .page:
            screen = .page(path: path)
        }
        return nil
    }

    private mutating func handleChoice(_ input: MenuInput, path: [Int], cursor: Int, status: ModuleStatus) -> MenuAction? {
        guard case .choice(let choice)? = item(at: path)?.kind else {
            leave(path)
            return nil
        }
        let count = choice.options(in: status).count
        let cursor = min(cursor, count)
        switch input {
        case .turn(let detents):
            screen = .choice(path: path, cursor: Self.wrapped(cursor + detents, count: count + 1))
            return nil
        case .back:
            leave(path)
            return nil
        case .press:
            leave(path)
            return choice.action(choosing: cursor, in: status)
        }
    }

    private mutating func handleNumber(_ input: MenuInput, path: [Int], value: Double, status: ModuleStatus) -> MenuAction? {
        guard case .number(let number)? = item(at: path)?.kind, case .turn(let detents) = input else {
            leave(path)
            return nil
        }
        let moved = number.value(value, movedBy: detents, in: status)
        screen = .number(path: path, value: moved)
        return moved == value ? nil : number.action(applying: moved, in: status)
    }

    private mutating func handleConfirmation(_ input: MenuInput, path: [Int], isConfirmSelected: Bool) -> MenuAction? {
        switch input {
        case .turn(let detents):
            if detents != 0 { screen = .confirmation(path: path, isConfirmSelected: detents > 0) }
            return nil
        case .back:
            leave(path)
            return nil
        case .press:
            leave(path)
            guard isConfirmSelected, case .action(let action, _)? = item(at: path)?.kind else { return nil }
            return action
        }
    }

    /// Goes up from the item at `path` to its parent list, its cursor on the item; from the root, home.
    private mutating func leave(_ path: [Int]) {
        guard let last = path.last else {
            screen = .home
            return
        }
        screen = .list(path: Array(path.dropLast()), cursor: last)
    }

    private static func wrapped(_ index: Int, count: Int) -> Int {
        ((index % count) + count) % count
    }
}
