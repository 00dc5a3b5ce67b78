import Foundation
import NeuroCore
import Testing
@testable import NeuroModule

@Suite struct ScreenRendererTests {
    let renderer = ScreenRenderer()
    static let curves: [[Float]] = Descriptor.allCases.indices.map { index in
        (0..<100).map { frame in Float(index + 1) * sin(Float(frame) / Float(8 + index)) + Float(frame) * 0.01 }
    }

    /// The pixels whose colour differs between two frames, as a bounding rectangle.
    func difference(_ a: Framebuffer, _ b: Framebuffer) -> PixelRect? {
        var screen = a
        _ = screen.takeDamage()
        screen.present(b)
        return screen.damage
    }

    func count(_ color: RGB565, in rect: PixelRect, of frame: Framebuffer) -> Int {
        var total = 0
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX where frame.color(x: x, y: y) == color { total += 1 }
        }
        return total
    }

    @Test func homeShowsTheModelNameInTheHeaderBar() {
        var status = sampleStatus
        let header = PixelRect(x: 0, y: 0, width: 240, height: ScreenTheme.headerHeight)
        let metal = renderer.render(ModuleMenu(), status: status)
        #expect(count(ScreenTheme.text, in: header, of: metal) > 100)
        status.currentModel = "wood"
        let wood = renderer.render(ModuleMenu(), status: status)
        let changed = difference(metal, wood)
        #expect(changed.map { header.intersection($0) == $0 } == true)
    }

    @Test func homeVolumeBarFillsInProportion() {
        var status = sampleStatus
        let row = PixelRect(x: 0, y: 89, width: 240, height: 1)
        status.volume = 0.25
        let quarter = count(ScreenTheme.bar, in: row, of: renderer.render(ModuleMenu(), status: status))
        status.volume = 1
        let full = count(ScreenTheme.bar, in: row, of: renderer.render(ModuleMenu(), status: status))
        #expect(full == 120)
        #expect(quarter == 30)
    }

    @Test func homeCurvesStayInsideTheirBoxes() {
        var status = sampleStatus
        status.descriptorCurves = Self.curves
        let frame = renderer.render(ModuleMenu(), status: status)
        for index in Self.curves.indices {
            let color = ScreenTheme.curves[index]
            let area = ScreenRenderer.curveArea(index)
            var rows = Set<Int>()
            for y in 0..<240 {
                for x in 0..<240 where frame.color(x: x, y: y) == color {
                    #expect(area.contains(x: x, y: y), "curve \(index) at \(x), \(y)")
                    rows.insert(y)
                }
            }
            #expect(rows.min() == area.y && rows.max() == area.maxY - 1, "curve \(index) spans its box")
        }
        let empty = renderer.render(ModuleMenu(), status: sampleStatus)
        for index in Self.curves.indices { #expect(count(ScreenTheme.curves[index], in: ScreenRenderer.curveArea(index), of: empty) == 0) }
    }

    @Test func homeWarnsOfMissingDevicesAndErrors() {
        let banner = ScreenRenderer.bannerArea
        #expect(count(ScreenTheme.warning, in: banner, of: renderer.render(ModuleMenu(), status: sampleStatus)) == 0)
        var status = sampleStatus
        status.missingDevices = ["ADC 0x49"]
        let warned = renderer.render(ModuleMenu(), status: status)
        #expect(count(ScreenTheme.warning, in: banner, of: warned) > banner.width * banner.height / 2)
        #expect(count(ScreenTheme.text, in: banner, of: warned) > 50)
        status.missingDevices = []
        status.lastError = "model file unreadable"
        #expect(count(ScreenTheme.notice, in: banner, of: renderer.render(ModuleMenu(), status: status)) > 0)
    }

    @Test func listHighlightsTheCursorRow() {
        var menu = ModuleMenu.opened([])
        _ = menu.drive([.turn(detents: 3)])
        let frame = renderer.render(menu, status: sampleStatus)
        for row in 0..<8 {
            let band = PixelRect(x: 0, y: ScreenTheme.listTop + row * ScreenTheme.rowHeight, width: 240, height: ScreenTheme.rowHeight - 2)
            let highlighted = count(ScreenTheme.highlight, in: band, of: frame)
            #expect((highlighted > 2_000) == (row == 3), "row \(row)")
            #expect(count(ScreenTheme.text, in: band, of: frame) + count(ScreenTheme.highlightText, in: band, of: frame) > 0)
        }
    }

    @Test func longChoiceListsScrollToKeepTheCursorVisible() {
        var status = sampleStatus
        status.profiles = (1...30).map { "profile \($0)" }
        var menu = ModuleMenu.opened(["Profile F0"], status: status)
        _ = menu.drive([.turn(detents: 20)], status: status)
        let frame = renderer.render(menu, status: status)
        let list = PixelRect(x: 0, y: ScreenTheme.listTop, width: 240, height: 240 - ScreenTheme.listTop)
        #expect(count(ScreenTheme.highlight, in: list, of: frame) > 2_000)
    }

    @Test func confirmationHighlightsTheSelectedButton() {
        var menu = ModuleMenu.opened(["System", "Shutdown"])
        let cancel = PixelRect(x: 14, y: 176, width: 100, height: 36), ok = PixelRect(x: 126, y: 176, width: 100, height: 36)
        let first = renderer.render(menu, status: sampleStatus)
        #expect(count(ScreenTheme.highlight, in: cancel, of: first) > 2_000 && count(ScreenTheme.highlight, in: ok, of: first) == 0)
        _ = menu.drive([.turn(detents: 1)])
        let second = renderer.render(menu, status: sampleStatus)
        #expect(count(ScreenTheme.highlight, in: ok, of: second) > 2_000 && count(ScreenTheme.highlight, in: cancel, of: second) == 0)
    }

    @Test func statsPageShowsLiveFiguresAndNotAvailable() {
        let menu = ModuleMenu.opened(["Stats"])
        var status = sampleStatus
        let unknown = renderer.render(menu, status: status)
        status.stats.temperatureCelsius = 41.5
        let known = renderer.render(menu, status: status)
        let temperatureRow = PixelRect(x: 0, y: ScreenTheme.listTop + ScreenTheme.rowHeight, width: 240, height: ScreenTheme.rowHeight)
        #expect(difference(unknown, known).map { temperatureRow.intersection($0) == $0 } == true)
        #expect(ScreenRenderer.clockText(seconds: 3_723.9) == "1:02:03")
        #expect(ScreenRenderer.clockText(seconds: -.infinity) == "0:00:00")
    }

    @Test func presentingANewVolumeDamagesOnlyTheVolumeRow() {
        var screen = Framebuffer()
        screen.present(renderer.render(ModuleMenu(), status: sampleStatus))
        _ = screen.takeDamage()
        var louder = sampleStatus
        louder.volume = 0.8
        screen.present(renderer.render(ModuleMenu(), status: louder))
        let damage = screen.takeDamage()
        #expect(damage.map { $0.y >= 78 && $0.maxY <= 100 } == true)
    }

    @Test func everyScreenOfTheMenuRendersTextDeterministically() {
        var status = sampleStatus
        status.descriptorCurves = Self.curves
        status.missingDevices = ["encoder"]
        var menus = [ModuleMenu()]
        func visit(_ item: MenuItem, path: [String]) {
            menus.append(ModuleMenu.opened(path))
            for child in item.children { visit(child, path: path + [child.title]) }
        }
        visit(MenuDefinition.standard, path: [])
        #expect(menus.count == 1 + 1 + 33)
        for menu in menus {
            let frame = renderer.render(menu, status: status)
            #expect(frame == renderer.render(menu, status: status))
            let body = PixelRect(x: 0, y: ScreenTheme.headerHeight, width: 240, height: 240 - ScreenTheme.headerHeight)
            #expect(count(ScreenTheme.text, in: body, of: frame) + count(ScreenTheme.highlightText, in: body, of: frame) > 100, "\(menu.screen)")
        }
    }

    static let dumpDirectory = ProcessInfo.processInfo.environment["NEURORACK_SCREEN_DUMP"]

    @Test(.enabled(if: dumpDirectory != nil, "set NEURORACK_SCREEN_DUMP=DIR to save every page as PNG for a look"))
    func savesThePagesAsPNG() throws {
        var status = sampleStatus
        status.descriptorCurves = Self.curves
        status.stats = ModuleStats(cpuPercent: 23.4, temperatureCelsius: 41.5, realTimeFactor: 3.2, xruns: 2, lateChunks: 1, uptimeSeconds: 3_723)
        var warned = status
        warned.missingDevices = ["ADC 0x49"]
        let pages: [(String, ModuleMenu, ModuleStatus)] = [
            ("home", ModuleMenu(), status), ("home-missing", ModuleMenu(), warned),
            ("menu", ModuleMenu.opened([]), status), ("model-select", ModuleMenu.opened(["Model", "Select"]), status),
            ("volume", ModuleMenu.opened(["Volume"]), status), ("cv3", ModuleMenu.opened(["CV assign", "CV3"]), status),
            ("cv-overview", ModuleMenu.opened(["CV assign", "Overview"]), status), ("stats", ModuleMenu.opened(["Stats"]), warned),
            ("shutdown", ModuleMenu.opened(["System", "Shutdown"]), status),
        ]
        let directory = URL(fileURLWithPath: Self.dumpDirectory!)
        for (name, menu, pageStatus) in pages {
            try PNGEncoder.write(renderer.render(menu, status: pageStatus), to: directory.appendingPathComponent("\(name).png"))
        }
    }
}
