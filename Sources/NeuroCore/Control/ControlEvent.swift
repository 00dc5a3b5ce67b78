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
    /// Play a note: an impact whose f0 curve is the profile's transposed by `semitones` (−24…24;
    /// ``CVState/transposition``), at `velocity`. When the current impact was generated at that
    /// transposition it starts `offset` samples into the next period like a gate; otherwise the
    /// engine regenerates at the new pitch and the note starts in the first period in which the new
    /// impact has samples (the latency is the model's time for its first chunk). Notes of a chord
    /// that arrive before their impact follow the newest note's impact, resampled to their pitch.
    case gateNote(velocity: Float, offset: Int = 0, semitones: Float)
    /// Make the pre-generated next impact current and generate a new one with the current controls.
    case gateRegenerate
    /// Control voltage `index` (1…5 as on the module) now reads `volts`; NaN unpatches the input.
    case cv(index: Int, volts: Float)
    /// Morph position α between the two profiles (0…1); sets CV2 to the voltage that gives it.
    case morph(alpha: Float)
    /// The output volume (0…1); the audio thread glides to it.
    case volume(Float)
}
