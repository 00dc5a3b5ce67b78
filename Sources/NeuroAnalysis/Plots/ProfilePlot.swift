import Foundation
import NeuroCore

/// An SVG picture of an impact: its waveform and its seven descriptor curves on a shared time axis.
///
/// One panel per curve, stacked; each is labelled with the musical and machine name of its
/// descriptor and its value range (with unit) on the left, and the bottom axis is in seconds.
/// The waveform panel shows the min/max envelope of the samples in each pixel column.
public struct ProfilePlot: Sendable {
    /// Picture width in pixels.
    public var width = 960.0
    /// Height of each panel in pixels.
    public var panelHeight = 72.0

    private let leftMargin = 190.0
    private let rightMargin = 20.0
    private let topMargin = 40.0
    private let panelGap = 12.0
    private let bottomMargin = 44.0

    /// A plot with the default size.
    public init() {}

    /// The number of waveform columns the plot draws: one per pixel of the plot area.
    public var waveformColumns: Int { max(Int(plotWidth), 1) }

    /// The SVG document for `profile`, with `waveform` (mono, at the profile's sample rate) on top when given.
    public func svg(_ profile: ImpactProfile, waveform: [Float]? = nil) -> String {
        svg(profile, envelope: waveform.map { WaveformEnvelope(columnCount: waveformColumns, samples: $0) })
    }

    /// The SVG document for `profile`, with the waveform `envelope` (at the profile's sample rate,
    /// ideally of ``waveformColumns`` columns) on top when given.
    public func svg(_ profile: ImpactProfile, envelope: WaveformEnvelope?) -> String {
        let sampleRate = Double(max(profile.sampleRate, 1))
        let duration = max(
            Double(max(profile.frames.count - 1, 0) * profile.hop) / sampleRate,
            Double(envelope?.sampleCount ?? 0) / sampleRate, 1e-3)
        let panelCount = Descriptor.allCases.count + (envelope == nil ? 0 : 1)
        let height = topMargin + Double(panelCount) * (panelHeight + panelGap) + bottomMargin
        var body = [
            "<svg xmlns='http://www.w3.org/2000/svg' width='\(coordinate(width))' height='\(coordinate(height))' "
                + "viewBox='0 0 \(coordinate(width)) \(coordinate(height))' font-family='sans-serif' font-size='12'>",
            "<rect width='100%' height='100%' fill='white'/>",
            "<text x='\(coordinate(leftMargin))' y='24' font-size='15' font-weight='bold'>\(escaped(profile.name)) — \(profile.frames.count) frames, \(label(duration, digits: 3)) s</text>",
        ]
        var top = topMargin
        if let envelope {
            body.append(waveformPanel(envelope, top: top, duration: duration, sampleRate: sampleRate))
            top += panelHeight + panelGap
        }
        for descriptor in Descriptor.allCases {
            body.append(curvePanel(profile, descriptor, top: top, duration: duration))
            top += panelHeight + panelGap
        }
        body.append(timeAxis(top: top - panelGap, duration: duration))
        body.append("</svg>")
        return body.joined(separator: "\n") + "\n"
    }

    private var plotWidth: Double { width - leftMargin - rightMargin }

    private func x(_ time: Double, duration: Double) -> Double { leftMargin + plotWidth * time / duration }

    private func frame(top: Double, label: String, low: String, high: String) -> String {
        [
            "<rect x='\(coordinate(leftMargin))' y='\(coordinate(top))' width='\(coordinate(plotWidth))' height='\(coordinate(panelHeight))' fill='#f7f7f7' stroke='#999'/>",
            "<text x='8' y='\(coordinate(top + panelHeight / 2 + 4))' font-weight='bold'>\(escaped(label))</text>",
            "<text x='\(coordinate(leftMargin - 6))' y='\(coordinate(top + 11))' text-anchor='end' fill='#555'>\(escaped(high))</text>",
            "<text x='\(coordinate(leftMargin - 6))' y='\(coordinate(top + panelHeight - 3))' text-anchor='end' fill='#555'>\(escaped(low))</text>",
        ].joined(separator: "\n")
    }

    private func waveformPanel(_ envelope: WaveformEnvelope, top: Double, duration: Double, sampleRate: Double) -> String {
        let peak = Double(envelope.peak)
        let scale = peak > 0 ? panelHeight / 2 / peak : 0
        let middle = top + panelHeight / 2
        let columnWidth = plotWidth * (Double(envelope.sampleCount) / sampleRate / duration) / Double(max(envelope.columns.count, 1))
        var path = ""
        for (column, range) in envelope.columns.enumerated() {
            guard let range else { continue }
            let px = leftMargin + (Double(column) + 0.5) * columnWidth
            path += "M\(coordinate(px)) \(coordinate(middle - Double(range.upperBound) * scale))V\(coordinate(middle - Double(range.lowerBound) * scale))"
        }
        return frame(top: top, label: "Waveform", low: "-\(label(peak, digits: 3))", high: label(peak, digits: 3))
            + "\n" + "<path d='\(path)' stroke='#2a5d9f' stroke-width='1' fill='none'/>"
    }

    private func curvePanel(_ profile: ImpactProfile, _ descriptor: Descriptor, top: Double, duration: Double) -> String {
        let values = profile.curve(descriptor)
        let finite = values.filter(\.isFinite)
        var low = Double(finite.min() ?? 0)
        var high = Double(finite.max() ?? 1)
        if high <= low { (low, high) = (low - 0.5 * max(abs(low), 1e-6), high + 0.5 * max(abs(high), 1e-6)) }
        let unit = descriptor.unit.isEmpty ? "" : " \(descriptor.unit)"
        let points = values.enumerated().compactMap { index, value -> String? in
            guard value.isFinite else { return nil }
            let time = Double(index * profile.hop) / Double(max(profile.sampleRate, 1))
            let py = top + panelHeight * (1 - (Double(value) - low) / (high - low))
            return "\(coordinate(x(time, duration: duration))),\(coordinate(py))"
        }
        return frame(
            top: top, label: "\(descriptor.musicalName) (\(descriptor.key))",
            low: label(low, digits: 4) + unit, high: label(high, digits: 4) + unit)
            + "\n" + "<polyline points='\(points.joined(separator: " "))' stroke='#c0392b' stroke-width='1.5' fill='none'/>"
    }

    private func timeAxis(top: Double, duration: Double) -> String {
        let step = Self.niceStep(duration / 8)
        var parts = ["<text x='\(coordinate(leftMargin + plotWidth / 2))' y='\(coordinate(top + 36))' text-anchor='middle'>time (s)</text>"]
        var tick = 0.0
        while tick <= duration + step * 1e-9 {
            let px = x(tick, duration: duration)
            parts.append("<line x1='\(coordinate(px))' y1='\(coordinate(top))' x2='\(coordinate(px))' y2='\(coordinate(top + 5))' stroke='#333'/>")
            parts.append("<text x='\(coordinate(px))' y='\(coordinate(top + 18))' text-anchor='middle'>\(label(tick, digits: 3))</text>")
            tick += step
        }
        return parts.joined(separator: "\n")
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * magnitude >= rough { return multiple * magnitude }
        return 10 * magnitude
    }

    /// A pixel coordinate with one decimal.
    private func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A value label with `digits` significant digits.
    private func label(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)g", value).replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e-0", with: "e-")
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
