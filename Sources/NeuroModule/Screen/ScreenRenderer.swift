import NeuroCore

/// Draws the menu's current screen, or the home page when the menu is idle, into a fresh ``Framebuffer``.
///
/// Rendering is a pure function of the menu and the status: the same inputs give the same
/// pixels, and nothing is read from the clock or the devices. Call it from the firmware's
/// control or screen thread, never the audio thread (it allocates), then hand the frame to
/// ``Framebuffer/present(_:)`` on the screen's framebuffer so only the changed rectangle is sent.
public struct ScreenRenderer: Sendable {
    /// The font of every page.
    public let font: BitmapFont

    /// A renderer drawing with `font` (the module's own font by default).
    public init(font: BitmapFont = .standard) {
        self.font = font
    }

    /// The 240 × 240 picture of `menu`'s screen for `status`.
    public func render(_ menu: ModuleMenu, status: ModuleStatus) -> Framebuffer {
        var frame = Framebuffer(color: ScreenTheme.background)
        switch menu.screen {
        case .home:
            drawHome(status, into: &frame)
        case .list(let path, let cursor):
            let item = menu.item(at: path)
            let rows = (item?.children ?? []).map { ListRow(title: $0.title, value: summary(of: $0, status: status)) }
            drawHeader(item?.title ?? "Menu", into: &frame)
            drawList(rows + [ListRow(title: "< Back", value: "")], cursor: cursor, into: &frame)
        case .choice(let path, let cursor):
            drawChoice(menu.item(at: path), cursor: cursor, status: status, into: &frame)
        case .number(let path, let value):
            drawNumber(menu.item(at: path), value: value, status: status, into: &frame)
        case .confirmation(let path, let isConfirmSelected):
            drawConfirmation(menu.item(at: path), isConfirmSelected: isConfirmSelected, into: &frame)
        case .page(let path):
            drawPage(menu.item(at: path), status: status, into: &frame)
        }
        return frame
    }

    /// The page title on the header bar.
    func drawHeader(_ title: String, into frame: inout Framebuffer) {
        let width = Framebuffer.screenSide
        frame.fill(PixelRect(x: 0, y: 0, width: width, height: ScreenTheme.headerHeight), color: ScreenTheme.header)
        let text = font.fitted(title, width: width - 2 * ScreenTheme.margin, scale: ScreenTheme.textScale)
        frame.text(text, x: ScreenTheme.margin, y: 7, color: ScreenTheme.text, font: font, scale: ScreenTheme.textScale)
    }

    /// `text` right-aligned so that it ends at `right`.
    func drawRightAligned(_ text: String, right: Int, y: Int, color: RGB565, scale: Int, into frame: inout Framebuffer) {
        frame.text(text, x: right - font.width(of: text, scale: scale), y: y, color: color, font: font, scale: scale)
    }

    /// `text` broken into lines of at most `width` pixels at `scale`, at spaces where possible.
    func wrapped(_ text: String, width: Int, scale: Int) -> [String] {
        let capacity = max(1, width / (font.advance * scale))
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").map(String.init) {
            var word = word
            while word.count > capacity {
                if !line.isEmpty { lines.append(line) }
                lines.append(String(word.prefix(capacity)))
                word = String(word.dropFirst(capacity))
                line = ""
            }
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= capacity {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private func summary(of item: MenuItem, status: ModuleStatus) -> String {
        switch item.kind {
        case .submenu, .page: ">"
        case .choice(let choice): choice.summary(in: status)
        case .number(let number): number.text(for: number.value(in: status))
        case .action(_, let confirmation): confirmation == nil ? "" : "?"
        }
    }
}
