/// A generator of impact audio from descriptor frames: the model port.
///
/// Conforming types are the modal synthesizer, the neural NSF engine and TorchScript models.
/// A model keeps streaming state (phases, convolution history, random generator) between
/// calls to ``generate(frames:advancing:into:)`` until ``reset(seed:)`` starts a new impact.
///
/// - Important: Called from one thread at a time, the generation thread (or an offline
///   renderer), never the audio thread. Conforming classes hold mutable state and are
///   `Sendable` only in the sense that ownership moves to that thread.
public protocol ImpactModel: AnyObject, Sendable {
    /// A short human name for logs and `neurorack-run models`.
    var name: String { get }
    /// Output sample rate in Hz (22 050 for the Neurorack family).
    var sampleRate: Int { get }
    /// Output samples per control frame (512 for the Neurorack family).
    var samplesPerFrame: Int { get }
    /// The descriptors the model reads, in the order it reads them.
    var descriptorLayout: [Descriptor] { get }
    /// The statistics the model normalises its raw input with, if it normalises.
    var statistics: DescriptorStatistics? { get }
    /// The largest number of frames one ``generate(frames:advancing:into:)`` call accepts.
    var maxFramesPerCall: Int { get }
    /// Frames at the end of a call whose sound depends on frames after the call.
    ///
    /// A model that looks ahead (the NSF condition module smooths over later frames) can only
    /// guess the future at the end of a call. A chunked caller that gives each chunk this many
    /// frames beyond its hop gets the whole-impact result outside the cross-fades
    /// (``ChunkPlan/streaming(for:)``). The default, from a protocol extension, is 0.
    var lookAheadFrames: Int { get }
    /// Whether ``generate(frames:advancing:into:)`` also accepts an output of only
    /// `hop · samplesPerFrame` samples, reading the frames after `hop` as look-ahead without
    /// synthesizing them.
    ///
    /// A chunked caller then needs no cross-fade: each call makes its `hop` frames final, exactly
    /// as one whole-impact call would (``ChunkPlan/synthesizesOverlap``), and does not compute
    /// audio that the next call replaces. The default, from a protocol extension, is `false`.
    var generatesAdvancedFramesOnly: Bool { get }

    /// Starts a new impact: clears streaming state and reseeds the random generator.
    func reset(seed: UInt64)

    /// A new instance with the same parameters and its own streaming state, or `nil` when the
    /// model cannot be duplicated.
    ///
    /// The engine runs one instance per generation thread, so that several impacts are generated
    /// at once (``Engine/Configuration/generationThreads``). The copy may share read-only
    /// parameters (weights) with the original. The default, from a protocol extension, is `nil`:
    /// such a model is generated on one thread.
    ///
    /// - Throws: ``NeuroError`` when the copy cannot be made (for example, out of resources).
    func makeIndependentCopy() throws(NeuroError) -> (any ImpactModel)?

    /// Generates `frames.count · samplesPerFrame` samples for `frames`, continuing the current impact.
    ///
    /// Frames are raw descriptor values (Hz, linear amplitude); the model normalises them.
    /// Chunked callers overlap consecutive chunks: after the call the streaming state must be
    /// the state after the first `hop` frames, so the next call starts at frame `hop` of this
    /// one. Frames after `hop` serve as look-ahead and are generated again by the next call.
    /// A whole-impact call passes `hop == frames.count`.
    ///
    /// - Parameters:
    ///   - frames: the control frames, `1...maxFramesPerCall` of them, all finite.
    ///   - hop: how many frames the stream advances, `1...frames.count`.
    ///   - output: receives exactly `frames.count · samplesPerFrame` samples, or `hop · samplesPerFrame`
    ///     when the model ``generatesAdvancedFramesOnly`` (the frames after `hop` are then only read).
    /// - Throws: ``NeuroError`` of kind `.invalidData` for bad arguments, `.modelFailure`
    ///   when the model fails. The output is then unspecified and must not be played.
    func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError)
}

extension ImpactModel {
    /// No look-ahead: 0, the default for models that need no frames after a call
    /// (see ``ImpactModel/lookAheadFrames``).
    public var lookAheadFrames: Int { 0 }

    /// `false`: the output always covers every frame of a call, the default
    /// (see ``ImpactModel/generatesAdvancedFramesOnly``).
    public var generatesAdvancedFramesOnly: Bool { false }

    /// No copies: `nil`, the default for models that run on one generation thread
    /// (see ``ImpactModel/makeIndependentCopy()``).
    public func makeIndependentCopy() throws(NeuroError) -> (any ImpactModel)? { nil }

    /// Checks the arguments of ``generate(frames:advancing:into:)`` the same way for every model.
    public func validateGenerateArguments(frames: Span<ControlFrame>, hop: Int, outputCount: Int) throws(NeuroError) {
        guard frames.count >= 1, frames.count <= maxFramesPerCall else {
            throw NeuroError(.invalidData, "\(name): expected 1…\(maxFramesPerCall) frames per call, got \(frames.count)")
        }
        guard hop >= 1, hop <= frames.count else {
            throw NeuroError(.invalidData, "\(name): hop must be 1…\(frames.count), got \(hop)")
        }
        guard outputCount == frames.count * samplesPerFrame
            || (generatesAdvancedFramesOnly && outputCount == hop * samplesPerFrame) else {
            let expected = generatesAdvancedFramesOnly
                ? "\(frames.count * samplesPerFrame) or \(hop * samplesPerFrame)" : "\(frames.count * samplesPerFrame)"
            throw NeuroError(.invalidData, "\(name): output needs \(expected) samples, got \(outputCount)")
        }
        for index in frames.indices where !frames[index].isFinite {
            throw NeuroError(.invalidData, "\(name): control frame \(index) contains NaN or infinity")
        }
    }
}
