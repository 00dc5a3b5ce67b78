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

    @Test func niceStepsAreOneTwoOrFive() {
        #expect(ProfilePlot.niceStep(0.13) == 0.2)
        #expect(ProfilePlot.niceStep(0.04) == 0.05)
        #expect(ProfilePlot.niceStep(3) == 5)
        #expect(ProfilePlot.niceStep(0) == 1)
    }
}
