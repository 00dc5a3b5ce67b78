import Foundation
import NeuroCore
import NeuroFiles

/// How MIDI messages become engine events: notes play (velocity → loudness, note → pitch from a
/// root note), controllers move the morph, CV3–CV5 and the volume, one controller or note
/// regenerates, program changes pick profiles.
///
/// Stored as JSON (`--midi-map FILE`, documented in docs/DESKTOP.md); every field is optional
/// and defaults to ``standard``. All fields are plain numbers, so the audio callback reads the
/// mapping without reference counting.
public struct MIDIMapping: Sendable, Equatable, Codable {
    /// The channel listened to (1…16), or `nil` for all (omni).
    public var channel: Int?
    /// The note that plays the impact as generated; other notes transpose it by their distance.
    public var rootNote: Int
    /// Whether notes transpose (`false`: every note plays the impact as generated).
    public var transposes: Bool
    /// How a note transposes: ``PitchMode/f0`` regenerates with f0 scaled (the default),
    /// ``PitchMode/rate`` resamples the cached impact like a sampler (no added latency).
    public var pitchMode: PitchMode

    /// How a note's distance from the root note changes the sound.
    public enum PitchMode: String, Sendable, Equatable, Codable {
        /// The impact is regenerated with its f0 curve transposed (``ControlEvent/gateNote(velocity:offset:semitones:)``):
        /// pitch changes, duration and noise stay; a new pitch waits for the model's first chunk.
        case f0
        /// The cached impact is played faster or slower (``ControlEvent/gatePlay(velocity:offset:semitones:)``):
        /// everything shifts and the impact gets shorter or longer, but it starts at once.
        case rate
    }
    /// A note that regenerates instead of playing, or `nil`.
    public var regenerateNote: Int?
    /// A controller whose press (value rising to ≥ 64) regenerates, or `nil` (default 64, the sustain pedal).
    public var regenerateController: Int?
    /// The controller of the morph position α (value / 127; default 1, the modulation wheel).
    public var morphController: Int?
    /// The controllers of CV3 (Tone), CV4 (Noise), CV5 (Richness): value 64 is ×1, 0 is ×¼, 127 about ×4.
    public var toneController: Int?
    /// See ``toneController``.
    public var noiseController: Int?
    /// See ``toneController``.
    public var richnessController: Int?
    /// The controller of the output volume (value / 127; default 7, channel volume).
    public var volumeController: Int?

    enum CodingKeys: String, CodingKey {
        case channel, rootNote = "root_note", transposes = "transpose", pitchMode = "pitch", regenerateNote = "regenerate_note"
        case regenerateController = "regenerate_cc", morphController = "morph_cc", toneController = "cv3_cc"
        case noiseController = "cv4_cc", richnessController = "cv5_cc", volumeController = "volume_cc"
    }

    /// The default mapping: omni, root note 60 (middle C), notes transpose f0, sustain pedal
    /// (CC 64) regenerates, modulation wheel (CC 1) morphs, CC 74/71/91 drive CV3/CV4/CV5, CC 7 the volume.
    public static let standard = MIDIMapping(
        channel: nil, rootNote: 60, transposes: true, pitchMode: .f0, regenerateNote: nil, regenerateController: 64,
        morphController: 1, toneController: 74, noiseController: 71, richnessController: 91, volumeController: 7)

    /// Creates a mapping.
    ///
    /// - Important: Real-time safe.
    @_noLocks @_noAllocation
    public init(
        channel: Int?, rootNote: Int, transposes: Bool, pitchMode: PitchMode = .f0, regenerateNote: Int?,
        regenerateController: Int?, morphController: Int?, toneController: Int?, noiseController: Int?,
        richnessController: Int?, volumeController: Int?
    ) {
        self.channel = channel
        self.rootNote = rootNote
        self.transposes = transposes
        self.pitchMode = pitchMode
        self.regenerateNote = regenerateNote
        self.regenerateController = regenerateController
        self.morphController = morphController
        self.toneController = toneController
        self.noiseController = noiseController
        self.richnessController = richnessController
        self.volumeController = volumeController
    }

    /// Decodes a mapping; missing fields keep their ``standard`` values, `null` turns one off.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = Self.standard
        func optional(_ key: CodingKeys, _ fallback: Int?) throws -> Int? {
            guard container.contains(key) else { return fallback }
            return try container.decodeNil(forKey: key) ? nil : container.decode(Int.self, forKey: key)
        }
        channel = try optional(.channel, standard.channel)
        rootNote = try container.decodeIfPresent(Int.self, forKey: .rootNote) ?? standard.rootNote
        transposes = try container.decodeIfPresent(Bool.self, forKey: .transposes) ?? standard.transposes
        pitchMode = try container.decodeIfPresent(PitchMode.self, forKey: .pitchMode) ?? standard.pitchMode
        regenerateNote = try optional(.regenerateNote, standard.regenerateNote)
        regenerateController = try optional(.regenerateController, standard.regenerateController)
        morphController = try optional(.morphController, standard.morphController)
        toneController = try optional(.toneController, standard.toneController)
        noiseController = try optional(.noiseController, standard.noiseController)
        richnessController = try optional(.richnessController, standard.richnessController)
        volumeController = try optional(.volumeController, standard.volumeController)
    }

    /// Reads a mapping file.
    ///
    /// - Throws: `.missingInput` when the file cannot be read, `.invalidData` naming the file
    ///   and the field when it is not a mapping or a number is out of range.
    public init(contentsOf url: URL) throws(NeuroError) {
        let data = try InputFile.contents(of: url, limit: 1 << 20)
        self = try JSONFile.decode(MIDIMapping.self, from: data, name: url.path)
        try validate(name: url.path)
    }

    /// Checks every number's range.
    ///
    /// - Throws: `.invalidData` naming `name` and the field.
    public func validate(name: String) throws(NeuroError) {
        if let channel, !(1...16).contains(channel) {
            throw NeuroError(.invalidData, "\(name): channel must be 1…16 or null, got \(channel)")
        }
        let sevenBit: [(String, Int?)] = [
            ("root_note", rootNote), ("regenerate_note", regenerateNote), ("regenerate_cc", regenerateController),
            ("morph_cc", morphController), ("cv3_cc", toneController), ("cv4_cc", noiseController),
            ("cv5_cc", richnessController), ("volume_cc", volumeController),
        ]
        for (field, value) in sevenBit {
            if let value, !(0...127).contains(value) {
                throw NeuroError(.invalidData, "\(name): \(field) must be 0…127, got \(value)")
            }
        }
    }

    /// What one message asks for.
    public enum Action: Sendable, Equatable {
        /// An engine event.
        case event(ControlEvent)
        /// Choose profile `program` (0…127): not real-time, for a control thread.
        case program(Int)
        /// Nothing (another channel, an unmapped controller, a note-off).
        case none
    }

    /// The action for `message`, `offset` frames into the current period.
    ///
    /// `previousValues` holds the last value of every controller (128 entries), so that a
    /// regenerate controller acts once per press; the caller keeps it between calls.
    ///
    /// - Important: Real-time safe.
    @_noLocks @_noAllocation
    public func action(for message: MIDIMessage, offset: Int, previousValues: UnsafeMutablePointer<UInt8>) -> Action {
        if let channel, message.channel != channel { return .none }
        switch message {
        case .noteOn(_, let note, let velocity):
            if note == regenerateNote { return .event(.gateRegenerate) }
            let loudness = Float(velocity) / 127
            guard transposes else { return .event(.gatePlay(velocity: loudness, offset: offset)) }
            let semitones = Float(note - rootNote)
            return switch pitchMode {
            case .f0: .event(.gateNote(velocity: loudness, offset: offset, semitones: semitones))
            case .rate: .event(.gatePlay(velocity: loudness, offset: offset, semitones: semitones))
            }
        case .noteOff:
            return .none
        case .programChange(_, let program):
            return .program(program)
        case .controlChange(_, let controller, let value):
            let previous = Int(unsafe previousValues[controller])
            unsafe previousValues[controller] = UInt8(value)
            return controllerAction(controller, value: value, previous: previous)
        }
    }

    @_noLocks @_noAllocation
    private func controllerAction(_ controller: Int, value: Int, previous: Int) -> Action {
        let fraction = Float(value) / 127
        if controller == regenerateController {
            return value >= 64 && previous < 64 ? .event(.gateRegenerate) : .none
        }
        if controller == morphController { return .event(.morph(alpha: fraction)) }
        if controller == volumeController { return .event(.volume(fraction)) }
        if controller == toneController { return .event(.cv(index: 3, volts: Self.scaleVolts(value))) }
        if controller == noiseController { return .event(.cv(index: 4, volts: Self.scaleVolts(value))) }
        if controller == richnessController { return .event(.cv(index: 5, volts: Self.scaleVolts(value))) }
        return .none
    }

    /// The CV3–CV5 voltage (the scale factor) for a controller value: `4^((value − 64) / 64)`.
    @_noLocks @_noAllocation
    static func scaleVolts(_ value: Int) -> Float {
        semitoneRatio(Float(value - 64) / 64 * 24)
    }
}
