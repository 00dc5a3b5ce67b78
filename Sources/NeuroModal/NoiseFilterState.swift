import NeuroCore
/// The running state of the coloured noise of the modal synthesizer (see ``NoiseColour``).
struct NoiseFilterState {
    /// √3: uniform noise in −√3…√3 has unit variance.
    private static let uniformScale = Float(3).squareRoot()

    private var previous: Float = 0
    private var beforePrevious: Float = 0
    private var smoothed: Float = 0

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
