import Testing
import NeuroCore
@testable import NeuroAnalysis

@Suite struct ProfilePlotTests {
    static let profile = ImpactProfile(name: "a<b", frames: [
        ControlFrame(values: [0.25, 0.125, 1000, 0.5, 800, 900, 110.5]),
        ControlFrame(values: [0.0001, 0.1, 900, 0.2, 700, 800, 110]),
    ])

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
