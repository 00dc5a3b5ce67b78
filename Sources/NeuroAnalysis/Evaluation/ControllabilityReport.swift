import Foundation
import NeuroCore
import NeuroFiles

/// The result of a ``ControllabilityEvaluation``: agreement per descriptor and ``DecayAgreement``
/// over all cases (frames pooled), per group (a recording's kit) and per case.
public struct ControllabilityReport: Sendable {
    /// One evaluated case.
    public struct CaseResult: Sendable {
        /// How the curve was made.
        public var kind: ControllabilityCase.Kind
        /// The case's description.
        public var name: String
        /// The case's group (a recording's kit), if any.
        public var group: String?
        /// Frames requested.
        public var frameCount: Int
        /// Agreement per descriptor on this case.
        public var agreements: [Descriptor: CurveAgreement]
        /// Loudness, tail and flatness agreement on this case.
        public var decay: DecayAgreement
    }

    /// The pooled agreements of several cases.
    public struct Pooled: Sendable {
        /// Cases pooled.
        public var caseCount = 0
        /// Agreement per descriptor.
        public var agreements: [Descriptor: CurveAgreement] = [:]
        /// Loudness, tail and flatness agreement.
        public var decay = DecayAgreement()

        mutating func add(_ result: CaseResult) {
            caseCount += 1
            for (descriptor, agreement) in result.agreements {
                agreements[descriptor, default: CurveAgreement()].merge(agreement)
            }
            decay.merge(result.decay)
        }
    }

    /// The model's name.
    public var model: String
    /// The base random seed.
    public var seed: UInt64
    /// The cases, in evaluation order.
    public var cases: [CaseResult]

    /// Agreement per descriptor with the frames of every case pooled.
    public var overall: [Descriptor: CurveAgreement] { pooled.agreements }

    /// Every case pooled.
    public var pooled: Pooled {
        cases.reduce(into: Pooled()) { $0.add($1) }
    }

    /// The cases of each group pooled, by group name.
    public var groups: [String: Pooled] {
        cases.reduce(into: [:]) { groups, result in
            if let group = result.group { groups[group, default: Pooled()].add(result) }
        }
    }

    /// A table: one line per descriptor with Pearson r, relative error and frames compared, then
    /// the decay metrics overall and, when there are groups, one line per group.
    public var table: String {
        let pooled = pooled
        let overall = pooled.agreements
        let header = ["descriptor", "musical name", "pearson r", "rel. error", "frames"]
        let rows = Descriptor.allCases.map { descriptor in
            let agreement = overall[descriptor] ?? CurveAgreement()
            return [
                descriptor.key, descriptor.musicalName, Self.cell(agreement.pearson), Self.cell(agreement.relativeError),
                String(agreement.count),
            ]
        }
        let lines = ["model \(model), \(cases.count) curves, seed \(seed)"] + TextTable.lines([header] + rows, leftAligned: [0, 1])
        let decayHeader = ["group", "cases", "r loudness dB", "tail dB", "flatness ratio", "r rms", "r centroid", "r f0"]
        let decayRows = ([("all", pooled)] + groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).map { name, group in
            [name, String(group.caseCount), Self.cell(group.decay.loudnessPearson), Self.cell(group.decay.tailDecibels),
             Self.cell(group.decay.flatnessRatio), Self.cell(group.agreements[.rms]?.pearson),
             Self.cell(group.agreements[.centroid]?.pearson), Self.cell(group.agreements[.f0]?.pearson)]
        }
        return (lines + [""] + TextTable.lines([decayHeader] + decayRows, leftAligned: [0])).joined(separator: "\n") + "\n"
    }

    /// The JSON report: `{"model","seed","curves","descriptors":{key:{"pearson","relative_error","frames"}},
    /// "decay":{"r_loudness_db","tail_db","flatness_ratio","tail_frames","loud_frames"},
    /// "groups":{name:{"cases","descriptors","decay"}},
    /// "cases":[{"kind","name","group","frames","descriptors","decay"}]}`, `null` where a metric is undefined.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(ReportJSON(self)) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func cell(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "—"
    }
}

/// The encodable shape of ``ControllabilityReport/json``.
private struct ReportJSON: Encodable {
    struct Metrics: Encodable {
        var agreements: [Descriptor: CurveAgreement]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedCodingKey.self)
            for descriptor in Descriptor.allCases {
                let agreement = agreements[descriptor] ?? CurveAgreement()
                var metrics = container.nestedContainer(keyedBy: NamedCodingKey.self, forKey: NamedCodingKey(descriptor.key))
                try metrics.encode(finite(agreement.pearson), forKey: NamedCodingKey("pearson"))
                try metrics.encode(finite(agreement.relativeError), forKey: NamedCodingKey("relative_error"))
                try metrics.encode(agreement.count, forKey: NamedCodingKey("frames"))
            }
        }
    }

    struct Decay: Encodable {
        var rLoudnessDB: Double?
        var tailDB: Double?
        var flatnessRatio: Double?
        var tailFrames: Int
        var loudFrames: Int

        init(_ decay: DecayAgreement) {
            rLoudnessDB = finite(decay.loudnessPearson)
            tailDB = finite(decay.tailDecibels)
            flatnessRatio = finite(decay.flatnessRatio)
            tailFrames = decay.tailDifferences.count
            loudFrames = decay.flatnessRatios.count
        }

        enum CodingKeys: String, CodingKey {
            case rLoudnessDB = "r_loudness_db", tailDB = "tail_db", flatnessRatio = "flatness_ratio"
            case tailFrames = "tail_frames", loudFrames = "loud_frames"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rLoudnessDB, forKey: .rLoudnessDB)
            try container.encode(tailDB, forKey: .tailDB)
            try container.encode(flatnessRatio, forKey: .flatnessRatio)
            try container.encode(tailFrames, forKey: .tailFrames)
            try container.encode(loudFrames, forKey: .loudFrames)
        }
    }

    struct Group: Encodable {
        var cases: Int
        var descriptors: Metrics
        var decay: Decay
    }

    struct Case: Encodable {
        var kind: String
        var name: String
        var group: String?
        var frames: Int
        var descriptors: Metrics
        var decay: Decay
    }

    var model: String
    var seed: UInt64
    var curves: Int
    var descriptors: Metrics
    var decay: Decay
    var groups: [String: Group]
    var cases: [Case]

    init(_ report: ControllabilityReport) {
        model = report.model
        seed = report.seed
        curves = report.cases.count
        let pooled = report.pooled
        descriptors = Metrics(agreements: pooled.agreements)
        decay = Decay(pooled.decay)
        groups = report.groups.mapValues {
            Group(cases: $0.caseCount, descriptors: Metrics(agreements: $0.agreements), decay: Decay($0.decay))
        }
        cases = report.cases.map {
            Case(kind: $0.kind.rawValue, name: $0.name, group: $0.group, frames: $0.frameCount,
                 descriptors: Metrics(agreements: $0.agreements), decay: Decay($0.decay))
        }
    }
}

/// `value` when it is a finite number, else `nil` (written as `null`).
private func finite(_ value: Double?) -> Double? {
    guard let value, value.isFinite else { return nil }
    return value
}
