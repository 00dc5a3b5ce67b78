/// The Eurorack module's CPU core as `bench` assumes it, to estimate a render's real-time factor
/// there from one measured here. An estimate: nothing in `bench` runs on a Cortex-A57.
///
/// The Jetson Nano's four Cortex-A57 cores run at up to 1.43 GHz; one 128-bit NEON multiply-add
/// (4 single-precision lanes) per cycle gives 8 FLOP per cycle, 11.4 GFLOP/s per core. The
/// estimate scales the measured time by the ratio of the FMA peak probed here to that peak, so it
/// assumes that an A57 core reaches the same fraction of its peak over the whole render as the
/// core measured here (its memory system and the kernels' NEON code may do better or worse).
enum CortexA57Estimate {
    /// The assumed clock of one core, in GHz.
    static let clockGHz = 1.43
    /// Single-precision FLOP per cycle at the assumed multiply-add throughput.
    static let flopsPerCycle = 8.0
    /// The assumed multiply-add peak of one core, in GFLOP/s.
    static var peakGFLOPS: Double { clockGHz * flopsPerCycle }

    /// The real-time factor on one A57 core of a render measured at `realTimeFactor` on one core
    /// whose FMA peak was probed at `peakGFLOPS`.
    static func realTimeFactor(measured realTimeFactor: Double, peakGFLOPS: Double) -> Double {
        realTimeFactor * peakGFLOPS / self.peakGFLOPS
    }
}
