import NeuroCore

/// What an OSC message of the `/neurorack/…` address space asks for.
///
/// | address | arguments | command |
/// |---|---|---|
/// | `/neurorack/play` | `[velocity 0…1]` (default 1), `[semitones]` | play the current impact (resampled by `semitones`) |
/// | `/neurorack/note` | `semitones`, `[velocity 0…1]` | play an impact regenerated with f0 transposed |
/// | `/neurorack/regenerate` | | regenerate |
/// | `/neurorack/cv` | `i f`: input 1…5, volts | a CV input |
/// | `/neurorack/morph` | `f`: α 0…1 | the morph position |
/// | `/neurorack/volume` | `f`: 0…1 | the volume |
/// | `/neurorack/profile` | `s`: a profile name | new profiles (control thread) |
/// | `/neurorack/model` | `s`: a model name or file | swap the model (control thread) |
public enum OSCCommand: Sendable, Equatable {
    /// An engine event, applied at once.
    case event(ControlEvent)
    /// Play this profile.
    case profile(String)
    /// Swap to this model.
    case model(String)

    /// The command of `message`, or why it is not one (an unknown address or wrong arguments).
    public static func of(_ message: OSCMessage) -> Result<OSCCommand, OSCRejection> {
        let numbers = message.arguments.map(\.number)
        func number(_ index: Int) -> Float? { index < numbers.count ? numbers[index] : nil }
        func text(_ index: Int) -> String? {
            guard index < message.arguments.count, case .string(let value) = message.arguments[index] else { return nil }
            return value
        }
        let wrong = Result<OSCCommand, OSCRejection>.failure(.badArguments(message.address))
        switch message.address {
        case "/neurorack/play":
            guard message.arguments.count <= 2, numbers.allSatisfy({ $0 != nil }) else { return wrong }
            return .success(.event(.gatePlay(velocity: number(0) ?? 1, semitones: number(1) ?? 0)))
        case "/neurorack/note":
            guard (1...2).contains(message.arguments.count), numbers.allSatisfy({ $0 != nil }), let semitones = number(0) else { return wrong }
            return .success(.event(.gateNote(velocity: number(1) ?? 1, semitones: semitones)))
        case "/neurorack/regenerate":
            return .success(.event(.gateRegenerate))
        case "/neurorack/cv":
            guard message.arguments.count == 2, let input = number(0), let volts = number(1), input == input.rounded() else { return wrong }
            return .success(.event(.cv(index: Int(input), volts: volts)))
        case "/neurorack/morph":
            guard message.arguments.count == 1, let alpha = number(0) else { return wrong }
            return .success(.event(.morph(alpha: alpha)))
        case "/neurorack/volume":
            guard message.arguments.count == 1, let volume = number(0) else { return wrong }
            return .success(.event(.volume(volume)))
        case "/neurorack/profile":
            guard message.arguments.count == 1, let name = text(0) else { return wrong }
            return .success(.profile(name))
        case "/neurorack/model":
            guard message.arguments.count == 1, let name = text(0) else { return wrong }
            return .success(.model(name))
        default:
            return .failure(.unknownAddress(message.address))
        }
    }
}

/// Why an OSC message was not a command.
public enum OSCRejection: Error, Sendable, Equatable {
    /// No command has this address.
    case unknownAddress(String)
    /// The address is known but its arguments are not what it takes.
    case badArguments(String)
}
