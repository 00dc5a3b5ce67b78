import Foundation
import NeuroCore
import NeuroFiles

/// The result of a ``ControllabilityEvaluation``: agreement per descriptor over all cases
/// (frames pooled), and per case.
public struct ControllabilityReport: Sendable {
    /// One evaluated case.
    public struct CaseResult: Sendable {
        /// How the curve was made.
        public var kind: ControllabilityCase.Kind
        /// The case's description.
        public var name: String
        /// Frames requested.
        public var frameCount: Int
        /// Agreement per descriptor on this case.
        public var agreements: [Descriptor: CurveAgreement]
    }

    /// The model's name.
    public var model: String
    /// The base random seed.
    public var seed: UInt64
    /// The cases, in evaluation order.
    public var cases: [CaseResult]

    /// Agreement per descriptor with the frames of every case pooled.
    public var overall: [Descriptor: CurveAgreement] {
        var pooled: [Descriptor: CurveAgreement] = [:]
        for result in cases {
            for (descriptor, agreement) in result.agreements {
                pooled[descriptor, default: CurveAgreement()].merge(agreement)
            }
        }
        return pooled
    }

    /// A table: one line per descriptor with Pearson r, relative error and frames compared.
    public var table: String {
        let overall = overall
        let header = ["descriptor", "musical name", "pearson r", "rel. error", "frames"]
        let rows = Descriptor.allCases.map { descriptor in
            let agreement = overall[descriptor] ?? CurveAgreement()
            return [
                descriptor.key, descriptor.musicalName, Self.cell(agreement.pearson), Self.cell(agreement.relativeError),
                String(agreement.count),
            ]
        }
        let lines = ["model \(model), \(cases.count) curves, seed \(seed)"] + TextTable.lines([header] + rows, leftAligned: [0, 1])
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON report: `{"model","seed","curves","descriptors":{key:{"pearson","relative_error","frames"}},
    /// "cases":[{"kind","name","frames","descriptors":{…}}]}`, `null` where a metric is undefined.
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

        /// `value` when it is a finite number, else `nil` (written as `null`).
        private func finite(_ value: Double?) -> Double? {
            guard let value, value.isFinite else { return nil }
            return value
        }
    }

    struct Case: Encodable {
        var kind: String
        var name: String
        var frames: Int
        var descriptors: Metrics
    }

    var model: String
    var seed: UInt64
    var curves: Int
    var descriptors: Metrics
    var cases: [Case]

    init(_ report: ControllabilityReport) {
        model = report.model
        seed = report.seed
        curves = report.cases.count
        descriptors = Metrics(agreements: report.overall)
        cases = report.cases.map {
            Case(kind: $0.kind.rawValue, name: $0.name, frames: $0.frameCount, descriptors: Metrics(agreements: $0.agreements))
        }
    }
}
