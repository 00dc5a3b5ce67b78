import Foundation
import NeuroAudio
import NeuroCore

/// Runs the firmware on simulated hardware in simulated time: `neurorack-run module --simulate`.
///
/// Time advances period by period of the DAC. Before each period the simulator applies the
/// script's events up to each poll time to the simulated chips and runs one controller step per
/// poll (every ``pollInterval`` seconds, plus the time the conversions take on the simulated
/// bus), with the period's start as the gate reference; then it renders the period through the
/// render loop into the sink (generation inline, so a run is reproducible). A gate at time `t`
/// therefore starts its impact at `t` rounded to the poll, well within one period. The screen
/// (what the simulated ST7789 decoded from the SPI stream) is saved as a PNG whenever it changes.
public final class ModuleSimulator {
    /// Seconds between two controller steps.
    public let pollInterval: Double
    /// The simulated chips.
    public let hardware: SimulatedModuleHardware
    /// The firmware under simulation.
    public let controller: ModuleController
    private let loop: RenderLoop
    private var screens = 0
    private var lastScreen: Framebuffer?

    /// What a run did.
    public struct Summary: Sendable, Equatable {
        /// Periods rendered.
        public var periods: Int
        /// Script events applied.
        public var events: Int
        /// Controller steps run.
        public var steps: Int
        /// Screen images written.
        public var screens: Int
    }

    /// A simulator rendering `controller`'s engine into `sink` in periods of `periodFrames`.
    ///
    /// - Throws: what the render loop's set-up throws (the sink's `prepare`).
    public init(hardware: SimulatedModuleHardware, controller: ModuleController, sink: any AudioSink, periodFrames: Int, pollInterval: Double = 0.001) throws(NeuroError) {
        self.hardware = hardware
        self.controller = controller
        self.pollInterval = pollInterval
        loop = try RenderLoop(engine: controller.engine, sink: sink, periodFrames: periodFrames)
    }

    /// Plays `script` for `duration` seconds on the simulated hardware, writing screen images
    /// into `screenDirectory` when given, then finishes the sink. A simulator runs once.
    ///
    /// - Parameter hook: sees each event just before the hardware carries it out (for tests
    ///   that change the hardware at a scripted moment).
    /// - Throws: a model failure during inline generation, or a screen image that cannot be written.
    public func run(
        _ script: SimulationScript, duration: Double, screenDirectory: URL?, hook: (SimulationScript.Action) -> Void = { _ in }
    ) throws(NeuroError) -> Summary {
        let rate = Double(controller.engine.sampleRate)
        let periodSeconds = Double(loop.periodFrames) / rate
        let periodCount = Int((duration / periodSeconds).rounded(.up))
        var nextEvent = 0
        var steps = 0
        for period in 0..<periodCount {
            let start = Double(period) * periodSeconds
            let end = start + periodSeconds
            var pollTime = max(hardware.seconds, start)
            while pollTime < end {
                hardware.advance(to: pollTime)
                while nextEvent < script.events.count, script.events[nextEvent].time <= hardware.seconds {
                    hook(script.events[nextEvent].action)
                    hardware.apply(script.events[nextEvent].action)
                    nextEvent += 1
                }
                controller.step(at: hardware.seconds, periodStart: start)
                steps += 1
                try saveScreenIfChanged(into: screenDirectory)
                pollTime = max(hardware.seconds, pollTime + pollInterval)
            }
            try loop.run(periods: 1, generation: .inline)
        }
        try loop.finish()
        return Summary(periods: periodCount, events: nextEvent, steps: steps, screens: screens)
    }

    private func saveScreenIfChanged(into directory: URL?) throws(NeuroError) {
        guard let directory else { return }
        guard let image = hardware.screenImage, image != lastScreen, hardware.chips.screen.isShowing else { return }
        lastScreen = image
        screens += 1
        let name = String(format: "screen-%04d-%08.3fs.png", screens, hardware.seconds)
        try PNGEncoder.write(image, to: directory.appendingPathComponent(name))
    }
}
