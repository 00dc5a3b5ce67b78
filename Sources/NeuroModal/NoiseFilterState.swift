import NeuroCore
/// The running state of the coloured noise of the modal synthesizer (see ``NoiseColour``).
struct NoiseFilterState {
    /// √3: uniform noise in −√3…√3 has unit variance.
    private static let uniformScale = Float(3).squareRoot()

    private var previous: Float = 0
    private var beforePrevious: Float = 0
    private var smoothed: Float = 0
    /// The colour that produced the resonator's state, `nil` while it is still zero.
    private var stateColour: NoiseColour?

    /// Carries the resonator's state over to `colour` (call before the samples of a frame):
    /// whitened with the stationary covariance of the colour that made it, recoloured with that
    /// of `colour`, so the noise keeps its level across a change of colour instead of spiking.
    mutating func adopt(_ colour: NoiseColour) {
        if let old = stateColour, old != colour {
            let first = previous / old.stateDeviation
            let second = (beforePrevious - old.stateCorrelation * first) / old.stateInnovation
            previous = colour.stateDeviation * first
            beforePrevious = colour.stateCorrelation * first + colour.stateInnovation * second
        }
        stateColour = colour
    }

    /// The next coloured noise sample, drawing white noise from `generator`.
    mutating func next(_ colour: NoiseColour, generator: inout SplitMix64) -> Float {
        let white = (2 * generator.nextUnitFloat() - 1) * Self.uniformScale
        let floor = (2 * generator.nextUnitFloat() - 1) * Self.uniformScale
        let resonated = white + colour.feedback1 * previous + colour.feedback2 * beforePrevious
        beforePrevious = previous
        previous = resonated
        let mixed = colour.resonatorGain * resonated + colour.floorGain * floor
        smoothed += colour.smoothing * (colour.outputGain * mixed - smoothed)
        return smoothed
    }
}
