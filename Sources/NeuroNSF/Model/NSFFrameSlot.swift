/// The working buffers of one frame on its way through an ``NSFModel``, allocated once.
///
/// A pipelined model keeps one slot per frame in flight (``NSFStagePlan``); only the stage that
/// holds a frame touches its slot, so the slots need no locks.
final class NSFFrameSlot {
    /// The frame's condition outputs: context rows, f0, voicing, cut-offs.
    var tile: ConditionModule.Tile
    /// The sines' noise (`[rows][S]`, or `[rows]` when drawn per sample).
    var sineNoise: [Float]
    /// Work space of the noise generators (`rows`).
    var noiseScratch: [Float]
    /// The noise branch's signal: its source, then each noise block's output.
    var excitation: [Float]
    /// The harmonic branch's signal: its source, then each harmonic block's output.
    var harmonic: [Float]
    /// A block's output before it is swapped into its branch's signal.
    var blockOutput: [Float]
    /// The sinc filters' low-passed harmonic branch.
    var harmonicSignal: [Float]
    /// The sinc filters' high-passed noise branch.
    var noiseSignal: [Float]
    /// The frame's samples.
    var output: [Float]
    /// The layer rows a pipeline stage that ends inside a filter block leaves for the next
    /// (`rows × hidden`), when the model is pipelined.
    let handoff: AlignedFloatBuffer?

    /// Allocates the buffers of a frame of `rows` samples and `sineCount` sines around `tile`,
    /// and a hand-over buffer of `handoffCount` floats unless that is 0.
    init(tile: ConditionModule.Tile, rows: Int, sineCount: Int, handoffCount: Int) {
        self.tile = tile
        handoff = handoffCount > 0 ? AlignedFloatBuffer(count: handoffCount) : nil
        let zeros = [Float](repeating: 0, count: rows)
        sineNoise = Array(repeating: 0, count: rows * sineCount)
        noiseScratch = zeros
        excitation = zeros
        harmonic = zeros
        blockOutput = zeros
        harmonicSignal = zeros
        noiseSignal = zeros
        output = zeros
    }

    /// The signal of `branch`: ``excitation`` or ``harmonic``.
    func signal(of branch: NSFFrameStep.Branch) -> [Float] {
        branch == .noise ? excitation : harmonic
    }

    /// Makes ``blockOutput`` the signal of `branch`; the old signal becomes the next block's
    /// output buffer.
    func swapBlockOutputIntoSignal(of branch: NSFFrameStep.Branch) {
        switch branch {
        case .noise: swap(&excitation, &blockOutput)
        case .harmonic: swap(&harmonic, &blockOutput)
        }
    }
}
