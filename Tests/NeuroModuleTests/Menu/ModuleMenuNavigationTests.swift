import Testing
@testable import NeuroModule

@Suite struct ModuleMenuNavigationTests {
    @Test func pressOpensTheMenuAndBackReturnsHome() {
        var menu = ModuleMenu()
        #expect(menu.screen == .home)
        #expect(menu.drive([.back]).isEmpty)
        #expect(menu.screen == .home)
        _ = menu.drive([.press])
        #expect(menu.screen == .list(path: [], cursor: 0))
        _ = menu.drive([.back])
        #expect(menu.screen == .home)
    }

    @Test func listCursorWrapsThroughTheBackRow() {
        var menu = ModuleMenu.opened([])
        let count = MenuDefinition.standard.children.count
        _ = menu.drive([.turn(detents: -1)])
        #expect(menu.screen == .list(path: [], cursor: count))
        #expect(menu.cursorTitle == "< Back")
        _ = menu.drive([.turn(detents: 1)])
        #expect(menu.screen == .list(path: [], cursor: 0))
        _ = menu.drive([.turn(detents: 3 * (count + 1) + 2)])
        #expect(menu.screen == .list(path: [], cursor: 2))
        _ = menu.drive([.turn(detents: count - 2), .press])
        #expect(menu.screen == .home, "pressing the root's back row goes home")
    }

    @Test func backFromASubmenuReturnsToItsRowInTheParent() {
        var menu = ModuleMenu.opened(["CV assign", "CV3"])
        #expect(menu.screen == .list(path: [4, 2], cursor: 0))
        _ = menu.drive([.back])
        #expect(menu.screen == .list(path: [4], cursor: 2))
        #expect(menu.cursorTitle == "CV3")
        _ = menu.drive([.back])
        #expect(menu.cursorTitle == "CV assign")
    }

    @Test func returnHomeLeavesAnyScreen() {
        var menu = ModuleMenu.opened(["System", "Shutdown"])
        menu.returnHome()
        #expect(menu.screen == .home)
    }

    @Test func homeTurnsChangeTheVolumeByOnePercentPerDetentClamped() {
        var menu = ModuleMenu()
        #expect(menu.drive([.turn(detents: 3)]) == [.setVolume(0.53)])
        #expect(menu.drive([.turn(detents: -200)]) == [.setVolume(0)])
        var full = sampleStatus
        full.volume = 1
        #expect(menu.drive([.turn(detents: 2)], status: full).isEmpty)
        #expect(menu.screen == .home)
    }

    @Test func everyLeafOfTheStandardMenuLeadsToAnActionOrALivePage() {
        func leaves(_ item: MenuItem, path: [Int]) -> [(MenuItem, [Int])] {
            if case .submenu(let children) = item.kind {
                return children.enumerated().flatMap { leaves($0.element, path: path + [$0.offset]) }
            }
            return [(item, path)]
        }
        let all = leaves(MenuDefinition.standard, path: [])
        #expect(all.count == 25)
        for (item, path) in all {
            var menu = ModuleMenu()
            _ = menu.handle(.press, status: sampleStatus)
            var actions: [MenuAction] = []
            for (depth, index) in path.enumerated() {
                _ = menu.drive([.turn(detents: index)])
                if depth < path.count - 1 { _ = menu.drive([.press]) }
            }
            actions += menu.drive([.press])
            switch item.kind {
            case .choice: actions += menu.drive([.press])
            case .number: actions += menu.drive([.turn(detents: 1), .turn(detents: -1)])
            case .action(_, let confirmation) where confirmation != nil: actions += menu.drive([.turn(detents: 1), .press])
            case .page: #expect(menu.screen == .page(path: path), "\(item.title)")
            default: break
            }
            if case .page = item.kind { continue }
            #expect(!actions.isEmpty, "\(item.title) at \(path) emitted nothing")
        }
    }

    @Test func aCursorBeyondAShrunkListIsPulledBackWithoutActing() {
        var menu = ModuleMenu.opened(["Model", "Select"])
        _ = menu.drive([.turn(detents: 1)])
        #expect(menu.screen == .choice(path: [0, 0], cursor: 2))
        var shrunk = sampleStatus
        shrunk.models = ["default"]
        #expect(menu.drive([.press], status: shrunk).isEmpty)
        #expect(menu.screen == .list(path: [0], cursor: 0))
    }
}
