import Testing
import NeuroCore
@testable import NeuroAnalysis

@Suite struct ProfilePlotTests {
    /// Two frames (so each curve has a point at both edges) and a name that needs escaping in SVG.
    static let profile = ImpactProfile(
        name: "a<b", frames: [0.25, 0.0001].map { ControlFrame(rms: $0, zcr: 0.1, rolloff: 900, flatness: 0.2, bandwidth: 700, centroid: 800, f0: 110) })

    @Test func svgIsWellFormedAndLabelled() throws {
        let svg = ProfilePlot().svg(Self.profile, waveform: [0, 0.5, -0.5, 0.25])
        for descriptor in Descriptor.allCases {
            #expect(svg.contains("\(descriptor.musicalName) (\(descriptor.key))"))
        }
        #expect(svg.contains("Waveform") && svg.contains("time (s)") && svg.contains("a&lt;b"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(svg.contains("width='960.0'"))
        // The two curve points of each panel sit at the left and right edges of the plot area.
        #expect(svg.contains("points='190.0,") && svg.contains(" 940.0,"))
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<text").count == svg.components(separatedBy: "</text>").count)
    }

    /// The waveform path draws one vertical stroke per pixel column, from the column's highest to
    /// its lowest sample (computed here directly from the samples), at the column's centre.
    @Test func waveformIsEachPixelColumnsMinimumAndMaximum() throws {
        var generator = SplitMix64(seed: 3)
        let samples = (0..<100_003).map { index in (generator.nextUnitFloat() - 0.5) * Float(1 + index % 1_009) / 1_009 }
        let plot = ProfilePlot()
        let svg = plot.svg(Self.profile, waveform: samples)
        let path = try #require(svg.split(separator: "\n").first { $0.contains("stroke='#2a5d9f'") })
        let d = path.split(separator: "'")[1]
        let strokes = d.split(separator: "M").map { $0.split(whereSeparator: { $0 == " " || $0 == "V" }).compactMap { Double($0) } }
        #expect(plot.waveformColumns == 750 && strokes.count == 750)
        let peak = Double(samples.map(abs).max() ?? 0)
        let (middle, scale) = (40 + plot.panelHeight / 2, plot.panelHeight / 2 / peak)
        for (column, stroke) in strokes.enumerated() {
            let slice = samples[(column * samples.count / 750)..<((column + 1) * samples.count / 750)]
            let (low, high) = (Double(slice.min() ?? 0), Double(slice.max() ?? 0))
            #expect(stroke.count == 3 && abs(stroke[0] - (190.5 + Double(column))) < 1e-9, "column \(column)")
            #expect(abs((middle - stroke[1]) / scale - high) <= 0.051 / scale, "column \(column) maximum")
            #expect(abs((middle - stroke[2]) / scale - low) <= 0.051 / scale, "column \(column) minimum")
        }
    }

    @Test func niceStepsAreOneTwoOrFive() {
        #expect(ProfilePlot.niceStep(0.13) == 0.2)
        #expect(ProfilePlot.niceStep(0.04) == 0.05)
        #expect(ProfilePlot.niceStep(3) == 5)
        #expect(ProfilePlot.niceStep(0) == 1)
    }
}
