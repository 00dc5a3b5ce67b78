import Foundation
import NeuroCore
import NeuroFiles

/// A MIDI control that MIDI learn can assign: a controller (CC) or a note.
public enum LearnedControl: Sendable, Equatable, CustomStringConvertible {
    /// Controller 0…127.
    case controller(Int)
    /// Note 0…127.
    case note(Int)

    /// `CC 20` or `note 36`.
    public var description: String {
        switch self {
        case .controller(let number): "CC \(number)"
        case .note(let number): "note \(number)"
        }
    }
}

/// What a learned control can drive, with the key that chooses it in `play`'s terminal.
public enum LearnTarget: String, Sendable, CaseIterable {
    /// Regenerate (a controller pressed past 64, or a note).
    case regenerate
    /// The morph position α.
    case morph
    /// CV3, Tone.
    case cv3
    /// CV4, Noise.
    case cv4
    /// CV5, Richness.
    case cv5
    /// The output volume.
    case volume

    /// The key that chooses the target.
    public var key: Character {
        switch self {
        case .regenerate: "r"
        case .morph: "m"
        case .cv3: "3"
        case .cv4: "4"
        case .cv5: "5"
        case .volume: "v"
        }
    }

    /// The target a key chooses, if any.
    public static func of(key: Character) -> LearnTarget? {
        allCases.first { $0.key == key }
    }

    /// `m morph · 3 cv3 · …` for a prompt.
    public static var keyHelp: String {
        allCases.map { "\($0.key) \($0.rawValue)" }.joined(separator: " · ")
    }
}

extension MIDIMapping {
    /// The mapping with `control` driving `target`; a controller is taken away from any other
    /// target it drove, and the target's previous control is released.
    ///
    /// - Throws: `.usage` when a note is given a continuous target (only `regenerate` takes a note).
    public func assigning(_ control: LearnedControl, to target: LearnTarget) throws(NeuroError) -> MIDIMapping {
        var mapping = self
        switch control {
        case .note(let note):
            guard target == .regenerate else {
                throw NeuroError(.usage, "\(control) can only regenerate; move a controller for \(target.rawValue)")
            }
            mapping.regenerateNote = note
        case .controller(let number):
            for other in LearnTarget.allCases where mapping[keyPath: Self.controllerField(of: other)] == number {
                mapping[keyPath: Self.controllerField(of: other)] = nil
            }
            mapping[keyPath: Self.controllerField(of: target)] = number
        }
        return mapping
    }

    /// Writes the mapping as JSON atomically, every field present (`null` where a control is off),
    /// so that reading it back gives this mapping.
    ///
    /// - Throws: `.cannotWrite` naming the file.
    public func write(to url: URL) throws(NeuroError) {
        try JSONFile.write(self, to: url, what: "the MIDI mapping")
    }

    /// Encodes every field, `null` for a control that is off.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(rootNote, forKey: .rootNote)
        try container.encode(transposes, forKey: .transposes)
        try container.encode(pitchMode, forKey: .pitchMode)
        try container.encode(regenerateNote, forKey: .regenerateNote)
        for target in LearnTarget.allCases {
            try container.encode(self[keyPath: Self.controllerField(of: target)], forKey: Self.codingKey(of: target))
        }
    }

    private static func codingKey(of target: LearnTarget) -> CodingKeys {
        switch target {
        case .regenerate: .regenerateController
        case .morph: .morphController
        case .cv3: .toneController
        case .cv4: .noiseController
        case .cv5: .richnessController
        case .volume: .volumeController
        }
    }

    private static func controllerField(of target: LearnTarget) -> WritableKeyPath<MIDIMapping, Int?> {
        switch target {
        case .regenerate: \.regenerateController
        case .morph: \.morphController
        case .cv3: \.toneController
        case .cv4: \.noiseController
        case .cv5: \.richnessController
        case .volume: \.volumeController
        }
    }
}
