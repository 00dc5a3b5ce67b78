/// One row of a list page: a title on the left, a value right-aligned.
struct ListRow {
    var title: String
    var value: String
}

/// The menu's interactive screens: lists, choices, numbers and confirmations.
extension ScreenRenderer {
    /// Draws `rows` under the header, scrolled so that `cursor` is visible and highlighted.
    func drawList(_ rows: [ListRow], cursor: Int, into frame: inout Framebuffer) {
        let scale = ScreenTheme.textScale
        let visible = ScreenTheme.visibleRows
        let cursor = min(max(cursor, 0), rows.count - 1)
        let first = max(0, min(cursor - visible / 2, rows.count - visible))
        let scrolls = rows.count > visible
        let right = Framebuffer.screenSide - ScreenTheme.margin - (scrolls ? 6 : 0)
        for (offset, row) in rows[first..<min(rows.count, first + visible)].enumerated() {
            let index = first + offset
            let top = ScreenTheme.listTop + offset * ScreenTheme.rowHeight
            let isSelected = index == cursor
            if isSelected {
                frame.fill(PixelRect(x: 2, y: top, width: right + 4, height: ScreenTheme.rowHeight - 2), color: ScreenTheme.highlight)
            }
            let color = isSelected ? ScreenTheme.highlightText : ScreenTheme.text
            let titleWidth = font.width(of: row.title, scale: scale)
            frame.text(row.title, x: ScreenTheme.margin, y: top + 2, color: color, font: font, scale: scale)
            let room = right - ScreenTheme.margin - titleWidth - font.advance * scale
            let value = font.fitted(row.value, width: room, scale: scale)
            drawRightAligned(value, right: right, y: top + 2, color: isSelected ? color : ScreenTheme.dimText, scale: scale, into: &frame)
        }
        if scrolls {
            let trackTop = ScreenTheme.listTop, trackHeight = visible * ScreenTheme.rowHeight - 2
            let thumbHeight = max(8, trackHeight * visible / rows.count)
            let thumbTop = trackTop + (trackHeight - thumbHeight) * first / max(1, rows.count - visible)
            let x = Framebuffer.screenSide - 5
            frame.fill(PixelRect(x: x, y: trackTop, width: 3, height: trackHeight), color: ScreenTheme.frame)
            frame.fill(PixelRect(x: x, y: thumbTop, width: 3, height: thumbHeight), color: ScreenTheme.text)
        }
    }

    /// The options of a choice, the one in use marked with "*".
    func drawChoice(_ item: MenuItem?, cursor: Int, status: ModuleStatus, into frame: inout Framebuffer) {
        drawHeader(item?.title ?? "", into: &frame)
        guard case .choice(let choice)? = item?.kind else { return }
        let selected = choice.selectedIndex(in: status)
        let options = choice.options(in: status)
        let width = Framebuffer.screenSide - 2 * ScreenTheme.margin - 6
        let rows = options.enumerated().map { option in
            let marked = (option.offset == selected ? "* " : "  ") + option.element
            return ListRow(title: font.fitted(marked, width: width, scale: ScreenTheme.textScale), value: "")
        }
        if options.isEmpty {
            frame.text("Nothing to choose", x: ScreenTheme.margin, y: 200, color: ScreenTheme.dimText, font: font, scale: ScreenTheme.textScale)
        }
        drawList(rows + [ListRow(title: "< Back", value: "")], cursor: cursor, into: &frame)
    }

    /// A number being edited: its value large, a bar over its limits, the controls.
    func drawNumber(_ item: MenuItem?, value: Double, status: ModuleStatus, into frame: inout Framebuffer) {
        drawHeader(item?.title ?? "", into: &frame)
        guard case .number(let number)? = item?.kind else { return }
        let big = 4
        let text = number.text(for: value)
        let side = Framebuffer.screenSide
        frame.text(text, x: (side - font.width(of: text, scale: big)) / 2, y: 66, color: ScreenTheme.text, font: font, scale: big)
        let limits = number.limits(in: status)
        let bar = PixelRect(x: 20, y: 130, width: side - 40, height: 18)
        frame.strokeRect(bar, color: ScreenTheme.frame)
        let span = limits.upperBound - limits.lowerBound
        let fraction = span > 0 ? min(max((value - limits.lowerBound) / span, 0), 1) : 1
        let inner = bar.inset(by: 2)
        frame.fill(PixelRect(x: inner.x, y: inner.y, width: Int((Double(inner.width) * fraction).rounded()), height: inner.height), color: ScreenTheme.bar)
        frame.text(number.text(for: limits.lowerBound), x: bar.x, y: bar.maxY + 6, color: ScreenTheme.dimText, font: font, scale: 1)
        drawRightAligned(number.text(for: limits.upperBound), right: bar.maxX, y: bar.maxY + 6, color: ScreenTheme.dimText, scale: 1, into: &frame)
        frame.text("Turn: change", x: ScreenTheme.margin, y: 196, color: ScreenTheme.dimText, font: font, scale: ScreenTheme.textScale)
        frame.text("Press: done", x: ScreenTheme.margin, y: 218, color: ScreenTheme.dimText, font: font, scale: ScreenTheme.textScale)
    }

    /// The question of an action and its two buttons, "Cancel" and "OK".
    func drawConfirmation(_ item: MenuItem?, isConfirmSelected: Bool, into frame: inout Framebuffer) {
        drawHeader(item?.title ?? "", into: &frame)
        guard case .action(_, let question?)? = item?.kind else { return }
        let scale = ScreenTheme.textScale
        for (line, text) in wrapped(question, width: Framebuffer.screenSide - 2 * ScreenTheme.margin, scale: scale).enumerated() {
            frame.text(text, x: ScreenTheme.margin, y: 50 + line * font.lineHeight * scale, color: ScreenTheme.text, font: font, scale: scale)
        }
        drawButton("Cancel", in: PixelRect(x: 14, y: 176, width: 100, height: 36), isSelected: !isConfirmSelected, into: &frame)
        drawButton("OK", in: PixelRect(x: 126, y: 176, width: 100, height: 36), isSelected: isConfirmSelected, into: &frame)
    }

    private func drawButton(_ title: String, in box: PixelRect, isSelected: Bool, into frame: inout Framebuffer) {
        let scale = ScreenTheme.textScale
        if isSelected {
            frame.fill(box, color: ScreenTheme.highlight)
        } else {
            frame.strokeRect(box, color: ScreenTheme.dimText)
        }
        let x = box.x + (box.width - font.width(of: title, scale: scale)) / 2
        let y = box.y + (box.height - font.glyphHeight * scale) / 2
        frame.text(title, x: x, y: y, color: isSelected ? ScreenTheme.highlightText : ScreenTheme.text, font: font, scale: scale)
    }
}
