import Foundation
import NeuroCore

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
        var lines = ["model \(model), \(cases.count) curves, seed \(seed)",
                     "descriptor   musical name   pearson r   rel. error   frames"]
        for descriptor in Descriptor.allCases {
            let agreement = overall[descriptor] ?? CurveAgreement()
            lines.append(
                descriptor.key.padding(toLength: 13, withPad: " ", startingAt: 0)
                + descriptor.musicalName.padding(toLength: 15, withPad: " ", startingAt: 0)
                + Self.cell(agreement.pearson, width: 9) + Self.cell(agreement.relativeError, width: 13)
                + String(agreement.count).leftPadded(to: 9))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON report: `{"model","seed","curves","descriptors":{key:{"pearson","relative_error","frames"}},
    /// "cases":[{"kind","name","frames","descriptors":{…}}]}`, `null` where a metric is undefined.
    public var json: String {
        func metrics(_ agreements: [Descriptor: CurveAgreement]) -> String {
            let fields = Descriptor.allCases.map { descriptor in
                let agreement = agreements[descriptor] ?? CurveAgreement()
                return "\"\(descriptor.key)\":{\"pearson\":\(Self.number(agreement.pearson)),"
                    + "\"relative_error\":\(Self.number(agreement.relativeError)),\"frames\":\(agreement.count)}"
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        let caseLines = cases.map { result in
            "{\"kind\":\"\(result.kind.rawValue)\",\"name\":\(Self.quoted(result.name)),\"frames\":\(result.frameCount),"
                + "\"descriptors\":\(metrics(result.agreements))}"
        }
        return "{\"model\":\(Self.quoted(model)),\"seed\":\(seed),\"curves\":\(cases.count),"
            + "\"descriptors\":\(metrics(overall)),\n\"cases\":[\n" + caseLines.joined(separator: ",\n") + "\n]}\n"
    }

    private static func cell(_ value: Double?, width: Int) -> String {
        (value.map { String(format: "%.3f", $0) } ?? "—").leftPadded(to: width)
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return String(format: "%.6g", value)
    }

    private static func quoted(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}

extension String {
    /// The string with spaces in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
