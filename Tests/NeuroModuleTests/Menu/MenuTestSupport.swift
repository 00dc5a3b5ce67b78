@testable import NeuroModule

/// A status with three models, three profiles and the standard CV assignments.
let sampleStatus = ModuleStatus(
    models: ["default", "metal", "wood"], currentModel: "metal", profiles: ["glass", "plate", "skin"],
    profileF0: "glass", profileF1: "skin", volume: 0.5)

extension ModuleMenu {
    /// Applies `inputs` in turn and returns the actions emitted.
    mutating func drive(_ inputs: [MenuInput], status: ModuleStatus = sampleStatus) -> [MenuAction] {
        inputs.compactMap { handle($0, status: status) }
    }

    /// The title of the row under the cursor of the current list, "< Back" on the back row.
    var cursorTitle: String? {
        guard case .list(let path, let cursor) = screen else { return nil }
        let children = item(at: path)?.children ?? []
        return cursor < children.count ? children[cursor].title : "< Back"
    }

    /// Turns the encoder until the list cursor is on `title` and presses; fails the test's expectation by returning false.
    @discardableResult
    mutating func open(_ title: String, status: ModuleStatus = sampleStatus) -> MenuAction? {
        for _ in 0..<20 where cursorTitle != title { _ = handle(.turn(detents: 1), status: status) }
        precondition(cursorTitle == title, "no row \(title) in the current list")
        return handle(.press, status: status)
    }

    /// Opens the menu from the home page and walks down the titles.
    static func opened(_ titles: [String], status: ModuleStatus = sampleStatus) -> ModuleMenu {
        var menu = ModuleMenu()
        _ = menu.handle(.press, status: status)
        for title in titles { menu.open(title, status: status) }
        return menu
    }
}
