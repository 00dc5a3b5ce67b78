import NeuroCore
import Testing
@testable import NeuroModule

@Suite struct ModuleMenuActionTests {
    @Test func modelSelectStartsOnTheCurrentModelAndEmitsTheChosenName() {
        var menu = ModuleMenu.opened(["Model", "Select"])
        #expect(menu.screen == .choice(path: [0, 0], cursor: 1))
        #expect(menu.drive([.turn(detents: 1), .press]) == [.selectModel(name: "wood")])
        #expect(menu.cursorTitle == "Select")
        menu.open("Select")
        #expect(menu.drive([.turn(detents: 3), .press]) == [.selectModel(name: "default")], "the option list wraps past its back row")
        menu.open("Select")
        #expect(menu.drive([.turn(detents: 2), .press]).isEmpty, "the back row chooses nothing")
        menu.open("Select")
        #expect(menu.drive([.back]).isEmpty)
        #expect(menu.cursorTitle == "Select")
    }

    @Test func numbersReadWithFixedDecimals() {
        #expect(MenuNumber.decimal(0.05) == "0.05")
        #expect(MenuNumber.decimal(-1.5) == "-1.50")
        #expect(MenuNumber.decimal(-0.001) == "0.00")
        #expect(MenuNumber.decimal(23.46, places: 1) == "23.5")
        #expect(MenuNumber.decimal(3.04, places: 1) == "3.0")
        #expect(MenuNumber.decimal(.nan) == "0.00")
        #expect(MenuNumber.volume.text(for: 72.4) == "72 %")
    }

    @Test func reloadActsAtOnce() {
        var menu = ModuleMenu.opened(["Model"])
        #expect(menu.open("Reload") == .reloadModel)
        #expect(menu.cursorTitle == "Reload")
    }

    @Test func volumeEmitsEveryChangeClampedToItsRange() {
        var menu = ModuleMenu.opened(["Volume"])
        #expect(menu.screen == .number(path: [1], value: 50))
        #expect(menu.drive([.turn(detents: 5)]) == [.setVolume(0.55)])
        #expect(menu.drive([.turn(detents: 100)]) == [.setVolume(1)])
        #expect(menu.drive([.turn(detents: 1)]).isEmpty, "clamped at 100 %")
        #expect(menu.drive([.turn(detents: -250)]) == [.setVolume(0)])
        #expect(menu.drive([.press]).isEmpty)
        #expect(menu.cursorTitle == "Volume")
    }

    @Test func profilesSetTheirOwnSlot() {
        var first = ModuleMenu.opened(["Profile F0"])
        #expect(first.screen == .choice(path: [2], cursor: 0))
        #expect(first.drive([.turn(detents: 1), .press]) == [.setProfile(slot: 0, name: "plate")])
        var second = ModuleMenu.opened(["Profile F1"])
        #expect(second.screen == .choice(path: [3], cursor: 2))
        #expect(second.drive([.turn(detents: 1), .press]).isEmpty, "from skin to the back row")
        second.open("Profile F1")
        #expect(second.drive([.turn(detents: -2), .press]) == [.setProfile(slot: 1, name: "glass")])
    }

    @Test(arguments: 1...5)
    func cvTargetChoiceOffersNoneMorphVolumeAndEveryDescriptor(input: Int) {
        var menu = ModuleMenu.opened(["CV assign", "CV\(input)", "Target"])
        let current = CVAssignment.standard[input - 1].target
        #expect(menu.screen == .choice(path: [4, input - 1, 0], cursor: CVTarget.allCases.firstIndex(of: current)!))
        let options = MenuChoice.cvTarget(input: input).options(in: sampleStatus)
        #expect(options == ["None", "Morph", "Volume"] + Descriptor.allCases.map(\.musicalName))
        let pitch = CVTarget.allCases.firstIndex(of: .descriptor(.f0))!
        let cursor = CVTarget.allCases.firstIndex(of: current)!
        #expect(menu.drive([.turn(detents: pitch - cursor), .press]) == [.assignCV(input: input, target: .descriptor(.f0), range: 0...4)])
    }

    @Test func aTargetKeepsItsRangeAndANewTargetTakesItsLimits() {
        var status = sampleStatus
        status.cvAssignments[2] = CVAssignment(target: .descriptor(.rolloff), range: 0.5...2)
        var menu = ModuleMenu.opened(["CV assign", "CV3", "Target"], status: status)
        #expect(menu.drive([.press], status: status) == [.assignCV(input: 3, target: .descriptor(.rolloff), range: 0.5...2)])
        menu.open("Target", status: status)
        #expect(menu.drive([.turn(detents: -4), .press], status: status) == [.assignCV(input: 3, target: .morph, range: 0...1)])
    }

    @Test func cvRangeBoundsMoveByTheTargetsStepAndNeverCross() {
        var status = sampleStatus
        status.cvAssignments[1] = CVAssignment(target: .morph, range: 0.2...0.6)
        var menu = ModuleMenu.opened(["CV assign", "CV2", "Minimum"], status: status)
        #expect(menu.drive([.turn(detents: 2)], status: status) == [.assignCV(input: 2, target: .morph, range: 0.3...0.6)])
        #expect(menu.drive([.turn(detents: 50)], status: status) == [.assignCV(input: 2, target: .morph, range: 0.6...0.6)])
        #expect(menu.drive([.turn(detents: -100)], status: status) == [.assignCV(input: 2, target: .morph, range: 0...0.6)])
        _ = menu.drive([.back], status: status)
        menu.open("Maximum", status: status)
        #expect(menu.drive([.turn(detents: 1)], status: status) == [.assignCV(input: 2, target: .morph, range: 0.2...0.65)])
        #expect(menu.drive([.turn(detents: -100)], status: status) == [.assignCV(input: 2, target: .morph, range: 0.2...0.2)])
        var descriptor = sampleStatus
        descriptor.cvAssignments[4] = CVAssignment(target: .descriptor(.bandwidth), range: 1...3)
        var top = ModuleMenu.opened(["CV assign", "CV5", "Maximum"], status: descriptor)
        #expect(top.drive([.turn(detents: 3)], status: descriptor) == [.assignCV(input: 5, target: .descriptor(.bandwidth), range: 1...3.3)])
        #expect(top.drive([.turn(detents: 30)], status: descriptor) == [.assignCV(input: 5, target: .descriptor(.bandwidth), range: 1...4)])
    }

    @Test func aRangeOutsideItsTargetsLimitsIsPulledIn() {
        var status = sampleStatus
        status.cvAssignments = [CVAssignment(target: .volume, range: 2...3)]
        var menu = ModuleMenu.opened(["CV assign", "CV1", "Minimum"], status: status)
        #expect(menu.screen == .number(path: [4, 0, 1], value: 1))
        #expect(menu.drive([.turn(detents: -1)], status: status) == [.assignCV(input: 1, target: .volume, range: 0.95...1)])
        let missing = ModuleMenu.opened(["CV assign", "CV4", "Target"], status: status)
        #expect(missing.screen == .choice(path: [4, 3, 0], cursor: 0), "an input the status leaves out reads as none")
    }

    @Test(arguments: [("Calibrate", MenuAction.calibrate), ("Reboot", .reboot), ("Shutdown", .shutdown)])
    func systemActionsNeedConfirmation(title: String, action: MenuAction) {
        var menu = ModuleMenu.opened(["System"])
        #expect(menu.open(title) == nil)
        guard case .confirmation(let path, false) = menu.screen else {
            Issue.record("\(title) opened \(menu.screen)")
            return
        }
        #expect(menu.drive([.press]).isEmpty, "Cancel is highlighted first")
        #expect(menu.cursorTitle == title)
        menu.open(title)
        #expect(menu.drive([.turn(detents: 1), .back]).isEmpty, "back cancels even on OK")
        menu.open(title)
        _ = menu.drive([.turn(detents: 2)])
        #expect(menu.screen == .confirmation(path: path, isConfirmSelected: true))
        _ = menu.drive([.turn(detents: -1)])
        #expect(menu.screen == .confirmation(path: path, isConfirmSelected: false))
        #expect(menu.drive([.turn(detents: 1), .press]) == [action])
        #expect(menu.cursorTitle == title)
    }

    @Test func pagesIgnoreTurnsAndCloseOnPressOrBack() {
        var menu = ModuleMenu.opened(["Stats"])
        #expect(menu.screen == .page(path: [5]))
        #expect(menu.drive([.turn(detents: 4)]).isEmpty)
        #expect(menu.screen == .page(path: [5]))
        _ = menu.drive([.press])
        #expect(menu.cursorTitle == "Stats")
        var overview = ModuleMenu.opened(["CV assign", "Overview"])
        #expect(overview.screen == .page(path: [4, 5]))
        _ = overview.drive([.back])
        #expect(overview.cursorTitle == "Overview")
    }
}
