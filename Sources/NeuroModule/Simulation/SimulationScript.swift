import Foundation
import NeuroCore
import NeuroFiles

/// A scripted performance for the simulated module: one event per line, `SECONDS INPUT VALUE`.
///
/// INPUT is `gate1`, `gate2`, `cv1`…`cv5` (VALUE: volts at the jack, held until the next event
/// of that input), `encoder` (VALUE: detents turned, signed) or `button` (1 press, 0 release).
/// `#` starts a comment; blank lines are ignored. Events are applied in time order (lines with
/// the same time in file order).
///
/// ```
/// # a kick, then the volume menu
/// 0.50 gate1 10
/// 0.51 gate1 0
/// 1.00 button 1
/// 1.05 button 0
/// 1.20 encoder 2
/// ```
public struct SimulationScript: Sendable, Equatable {
    /// What an event does.
    public enum Action: Sendable, Equatable {
        /// A gate or CV jack changes to `volts`.
        case jack(ModuleInput, volts: Double)
        /// The encoder turns by `detents` (negative: anticlockwise).
        case encoder(detents: Int)
        /// The button is pressed (`true`) or released.
        case button(pressed: Bool)
    }

    /// One timed event.
    public struct Event: Sendable, Equatable {
        /// Seconds from the start of the simulation.
        public var time: Double
        /// What happens.
        public var action: Action

        /// Creates an event.
        public init(time: Double, action: Action) {
            self.time = time
            self.action = action
        }
    }

    /// The most events a script may hold.
    public static let maxEvents = 100_000
    /// The longest time a script may reach, in seconds.
    public static let maxTime = 86_400.0
    /// Jack voltages a script may set (the Eurorack supply rails).
    public static let voltageLimits: ClosedRange<Double> = -12...12
    /// The most detents one encoder event may turn.
    public static let maxDetents = 1_000

    /// The events in time order.
    public let events: [Event]

    /// Creates a script from events, sorting them by time (stably).
    public init(events: [Event]) {
        self.events = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// Parses a script's text; `name` names it in errors.
    ///
    /// - Throws: `.invalidData` naming the line and what was expected.
    public init(parsing text: String, name: String) throws(NeuroError) {
        var events: [Event] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !fields.isEmpty else { continue }
            let place = "\(name):\(index + 1)"
            guard fields.count == 3 else {
                throw NeuroError(.invalidData, "\(place): expected SECONDS INPUT VALUE, got \(fields.count) field(s)")
            }
            guard events.count < Self.maxEvents else {
                throw NeuroError(.invalidData, "\(place): a script holds at most \(Self.maxEvents) events")
            }
            guard let time = Double(fields[0]), time.isFinite, (0...Self.maxTime).contains(time) else {
                throw NeuroError(.invalidData, "\(place): time must be 0…\(Int(Self.maxTime)) seconds, got \"\(fields[0])\"")
            }
            events.append(Event(time: time, action: try Self.action(input: String(fields[1]), value: String(fields[2]), place: place)))
        }
        self.init(events: events)
    }

    /// Reads and parses a script file (at most 16 MiB; `-` is standard input).
    public init(contentsOf url: URL) throws(NeuroError) {
        let data = try InputFile.contents(of: url, limit: 16 << 20)
        guard let text = String(data: data, encoding: .utf8) else {
            throw NeuroError(.invalidData, "\(url.path): a simulation script must be UTF-8 text")
        }
        try self.init(parsing: text, name: url.path)
    }

    /// The time of the last event, 0 for an empty script.
    public var duration: Double { events.last?.time ?? 0 }

    private static func action(input: String, value: String, place: String) throws(NeuroError) -> Action {
        switch input {
        case "encoder":
            guard let detents = Int(value), abs(detents) <= maxDetents else {
                throw NeuroError(.invalidData, "\(place): encoder takes whole detents, -\(maxDetents)…\(maxDetents), got \"\(value)\"")
            }
            return .encoder(detents: detents)
        case "button":
            guard value == "0" || value == "1" else {
                throw NeuroError(.invalidData, "\(place): button takes 1 (press) or 0 (release), got \"\(value)\"")
            }
            return .button(pressed: value == "1")
        default:
            guard let jack = ModuleInput(rawValue: input) else {
                throw NeuroError(
                    .invalidData,
                    "\(place): unknown input \"\(input)\" (expected \((ModuleInput.allCases.map(\.rawValue) + ["encoder", "button"]).joined(separator: ", ")))")
            }
            guard let volts = Double(value), volts.isFinite, voltageLimits.contains(volts) else {
                throw NeuroError(.invalidData, "\(place): \(input) takes volts, -12…12, got \"\(value)\"")
            }
            return .jack(jack, volts: volts)
        }
    }
}
