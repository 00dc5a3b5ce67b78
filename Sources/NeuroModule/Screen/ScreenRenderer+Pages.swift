/// The menu's read-only pages, redrawn from the live status.
extension ScreenRenderer {
    /// The page item `item` (Stats or the CV overview).
    func drawPage(_ item: MenuItem?, status: ModuleStatus, into frame: inout Framebuffer) {
        drawHeader(item?.title ?? "", into: &frame)
        guard case .page(let page)? = item?.kind else { return }
        switch page {
        case .stats: drawStats(status, into: &frame)
        case .cvOverview: drawCVOverview(status, into: &frame)
        }
    }

    private func drawStats(_ status: ModuleStatus, into frame: inout Framebuffer) {
        let stats = status.stats
        let rows = [
            ("CPU", stats.cpuPercent.map { "\(MenuNumber.decimal($0, places: 1)) %" } ?? "n/a"),
            ("Temp", stats.temperatureCelsius.map { "\(MenuNumber.decimal($0, places: 1)) C" } ?? "n/a"),
            ("Speed", stats.realTimeFactor.map { "\(MenuNumber.decimal($0)) x RT" } ?? "n/a"),
            ("Xruns", "\(stats.xruns)"),
            ("Late chunks", "\(stats.lateChunks)"),
            ("Uptime", Self.clockText(seconds: stats.uptimeSeconds)),
        ]
        let scale = ScreenTheme.textScale
        let right = Framebuffer.screenSide - ScreenTheme.margin
        for (index, row) in rows.enumerated() {
            let y = ScreenTheme.listTop + 2 + index * ScreenTheme.rowHeight
            frame.text(row.0, x: ScreenTheme.margin, y: y, color: ScreenTheme.dimText, font: font, scale: scale)
            drawRightAligned(row.1, right: right, y: y, color: ScreenTheme.text, scale: scale, into: &frame)
        }
        var y = ScreenTheme.listTop + 2 + rows.count * ScreenTheme.rowHeight + 4
        let missing = status.missingDevices.isEmpty ? "Devices: all present" : "Missing: " + status.missingDevices.joined(separator: ", ")
        let color = status.missingDevices.isEmpty ? ScreenTheme.dimText : ScreenTheme.warning
        for line in wrapped(missing, width: right - ScreenTheme.margin, scale: scale) {
            frame.text(line, x: ScreenTheme.margin, y: y, color: color, font: font, scale: scale)
            y += font.lineHeight * scale
        }
        for line in wrapped(status.lastError ?? "", width: right - ScreenTheme.margin, scale: 1) {
            frame.text(line, x: ScreenTheme.margin, y: y, color: ScreenTheme.notice, font: font, scale: 1)
            y += font.lineHeight
        }
    }

    private func drawCVOverview(_ status: ModuleStatus, into frame: inout Framebuffer) {
        let scale = ScreenTheme.textScale
        for input in 1...5 {
            let assignment = status.assignment(ofInput: input)
            let y = ScreenTheme.listTop + 2 + (input - 1) * 40
            frame.text("CV\(input)", x: ScreenTheme.margin, y: y, color: ScreenTheme.dimText, font: font, scale: scale)
            frame.text(assignment.target.title, x: ScreenTheme.margin + 5 * font.advance * scale, y: y, color: ScreenTheme.text, font: font, scale: scale)
            let range = assignment.limitedRange
            let text = "range \(MenuNumber.decimal(Double(range.lowerBound))) to \(MenuNumber.decimal(Double(range.upperBound)))"
            frame.text(text, x: ScreenTheme.margin + 5 * font.advance * scale, y: y + 20, color: ScreenTheme.dimText, font: font, scale: 1)
        }
    }

    /// `seconds` as "h:mm:ss" (negative or non-finite reads as 0).
    static func clockText(seconds: Double) -> String {
        let total = seconds.isFinite ? Int(max(0, seconds)) : 0
        let minutes = total / 60 % 60, secs = total % 60
        return "\(total / 3600):\(minutes < 10 ? "0" : "")\(minutes):\(secs < 10 ? "0" : "")\(secs)"
    }
}
