import NeuroCore

/// The idle home page: model, profiles, volume, the current impact's curves, warnings.
extension ScreenRenderer {
    /// The boxes of the descriptor plots: two columns of four under the volume bar.
    static let curveBoxes: [PixelRect] = (0..<8).map { index in
        PixelRect(x: 4 + (index % 2) * 118, y: 104 + (index / 2) * 30, width: 114, height: 28)
    }

    /// The area of plot `index` where its curve is drawn (under the label, inside the outline).
    static func curveArea(_ index: Int) -> PixelRect {
        let box = curveBoxes[index]
        return PixelRect(x: box.x + 2, y: box.y + 11, width: box.width - 4, height: box.height - 13)
    }

    /// The strip at the bottom of the home page holding a warning or the controls hint.
    static let bannerArea = PixelRect(x: 0, y: 226, width: Framebuffer.screenSide, height: 14)

    func drawHome(_ status: ModuleStatus, into frame: inout Framebuffer) {
        drawHeader(status.currentModel ?? "No model", into: &frame)
        let scale = ScreenTheme.textScale
        let nameX = ScreenTheme.margin + 3 * font.advance * scale
        let nameWidth = Framebuffer.screenSide - ScreenTheme.margin - nameX
        for (row, (label, name)) in [("F0", status.profileF0), ("F1", status.profileF1)].enumerated() {
            let y = 36 + row * 22
            frame.text(label, x: ScreenTheme.margin, y: y, color: ScreenTheme.dimText, font: font, scale: scale)
            frame.text(font.fitted(name ?? "-", width: nameWidth, scale: scale), x: nameX, y: y, color: ScreenTheme.text, font: font, scale: scale)
        }
        drawVolume(status.volume, into: &frame)
        drawCurves(status.descriptorCurves, into: &frame)
        drawBanner(status, into: &frame)
    }

    private func drawVolume(_ volume: Double, into frame: inout Framebuffer) {
        let scale = ScreenTheme.textScale
        let level = volume.isFinite ? min(max(volume, 0), 1) : 0
        frame.text("Vol", x: ScreenTheme.margin, y: 80, color: ScreenTheme.dimText, font: font, scale: scale)
        let bar = PixelRect(x: 52, y: 82, width: 124, height: 14)
        frame.strokeRect(bar, color: ScreenTheme.frame)
        let inner = bar.inset(by: 2)
        frame.fill(PixelRect(x: inner.x, y: inner.y, width: Int((Double(inner.width) * level).rounded()), height: inner.height), color: ScreenTheme.bar)
        let percent = "\(Int((level * 100).rounded()))%"
        drawRightAligned(percent, right: Framebuffer.screenSide - ScreenTheme.margin, y: 80, color: ScreenTheme.text, scale: scale, into: &frame)
    }

    private func drawCurves(_ curves: [[Float]], into frame: inout Framebuffer) {
        guard !curves.isEmpty else {
            let text = "No impact yet"
            let x = (Framebuffer.screenSide - font.width(of: text, scale: ScreenTheme.textScale)) / 2
            frame.text(text, x: x, y: 156, color: ScreenTheme.dimText, font: font, scale: ScreenTheme.textScale)
            return
        }
        for (index, curve) in curves.prefix(Self.curveBoxes.count).enumerated() {
            let box = Self.curveBoxes[index]
            frame.strokeRect(box, color: ScreenTheme.frame)
            let label = Descriptor(rawValue: index)?.musicalName ?? "Curve \(index + 1)"
            frame.text(font.fitted(label, width: box.width - 6), x: box.x + 3, y: box.y + 2, color: ScreenTheme.dimText, font: font, clip: box)
            frame.plot(curve, in: Self.curveArea(index), color: ScreenTheme.curves[index % ScreenTheme.curves.count])
        }
    }

    private func drawBanner(_ status: ModuleStatus, into frame: inout Framebuffer) {
        let area = Self.bannerArea
        let text: String, color: RGB565
        if !status.missingDevices.isEmpty {
            text = "! Missing: " + status.missingDevices.joined(separator: ", ")
            color = ScreenTheme.warning
        } else if let error = status.lastError {
            text = "! " + error
            color = ScreenTheme.notice
        } else {
            frame.text("Press: menu   Turn: volume", x: ScreenTheme.margin, y: area.y + 3, color: ScreenTheme.dimText, font: font)
            return
        }
        frame.fill(area, color: color)
        frame.text(font.fitted(text, width: area.width - 2 * ScreenTheme.margin), x: ScreenTheme.margin, y: area.y + 3, color: ScreenTheme.text, font: font)
    }
}
