/// One control event for the engine: what gates, CVs, MIDI notes, OSC messages and scripts produce.
///
/// Every event is applied without a lock, so ``Engine/handle(_:)`` is real-time safe and may be
/// called from any thread, the audio thread included (a JACK process callback reading MIDI).
public enum ControlEvent: Sendable, Equatable {
    /// Play the current impact at `velocity` (0…1), `offset` samples into the next rendered
    /// period (0 = its first sample; offsets beyond the period start on its last sample),
    /// transposed by `semitones` (−24…24; 0 plays it as generated, 12 an octave up and twice as
    /// fast, like a sampler: a keyboard plays the impact chromatically).
    case gatePlay(velocity: Float, offset: Int = 0, semitones: Float = 0)
    /// Make the pre-generated next impact current and generate a new one with the current controls.
    case gateRegenerate
    /// Control voltage `index` (1…5 as on the module) now reads `volts`; NaN unpatches the input.
    case cv(index: Int, volts: Float)
    /// Morph position α between the two profiles (0…1); sets CV2 to the voltage that gives it.
    case morph(alpha: Float)
    /// The output volume (0…1); the audio thread glides to it.
    case volume(Float)
}
