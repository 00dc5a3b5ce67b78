import Foundation
import NeuroCore
import NeuroTestSupport
import Testing
@testable import NeuroModule

@Suite struct InputScalingTests {
    @Test func pinAndJackVoltagesAreInverse() {
        let scaling = InputScaling()
        for jack in stride(from: -12.0, through: 12, by: 0.5) {
            let pin = scaling.pinVolts(jack: jack, reference: 1.241)
            #expect(abs(scaling.jackVolts(pin: pin, reference: 1.241) - jack) < 1e-9)
            #expect(abs(pin) < 2.048, "±12 V must stay inside the converter's range")
        }
        #expect(scaling.pinVolts(jack: 1.241, reference: 1.241) == 1.241)
    }
}

@Suite struct GateDetectorTests {
    @Test func firesOnceAboveTheThresholdAndRearmsAfterTheHoldTime() {
        var gate = GateDetector()
        let reference = 1.241
        #expect(gate.update(volts: 0, reference: reference, at: 0) == nil)
        #expect(gate.update(volts: 2.2, reference: reference, at: 0.001) == nil, "below reference + 1 V")
        #expect(gate.update(volts: 10, reference: reference, at: 0.002) != nil)
        #expect(gate.update(volts: 10, reference: reference, at: 0.003) == nil, "a held gate fires once")
        #expect(gate.update(volts: 0, reference: reference, at: 0.05) == nil)
        #expect(gate.update(volts: 10, reference: reference, at: 0.06) == nil, "within the re-arm time")
        #expect(gate.update(volts: 0, reference: reference, at: 0.2) == nil)
        #expect(gate.update(volts: 10, reference: reference, at: 0.21) != nil)
    }

    @Test func triggerTimeIsInterpolatedBetweenTheReadingsAroundTheEdge() throws {
        var gate = GateDetector()
        _ = gate.update(volts: 0.241, reference: 1.241, at: 1.0)
        let fired = gate.update(volts: 4.241, reference: 1.241, at: 1.004)
        let time = try #require(fired)
        #expect(abs(time - 1.002) < 1e-12)
        gate.forgetPreviousReading()
        var fresh = GateDetector()
        let unprepared = fresh.update(volts: 5, reference: 1.241, at: 3)
        #expect(unprepared == 3)
    }
}

@Suite struct CVTrackerTests {
    @Test func reportsOnlyMovesOfAtLeastTheThreshold() {
        var tracker = CVTracker()
        #expect(tracker.update(volts: 0.01) == nil, "an unpatched input reads about 0 V")
        #expect(tracker.update(volts: -0.02) == nil)
        #expect(tracker.reported == nil)
        #expect(tracker.update(volts: 1) == 1)
        #expect(tracker.update(volts: 1.03) == nil)
        #expect(tracker.update(volts: 0.96) == nil)
        #expect(tracker.update(volts: 1.05) == 1.05)
        #expect(tracker.update(volts: 1.0) == 1.0)
        #expect(tracker.reported == 1.0)
    }
}

@Suite struct InputCalibrationTests {
    @Test func twoStepsCancelOffsetAndGain() throws {
        // An input that reads 0.9 · jack + 0.2.
        let read = { (jack: Double) in 0.9 * jack + 0.2 }
        var zero = Calibrator(step: .zero)
        for _ in 0..<10 { zero.add(read(0), for: .cv3) }
        let afterZero = try zero.calibration(updating: .identity)
        #expect(abs(afterZero.corrected(read(0), at: .cv3)) < 1e-12)
        var scale = Calibrator(step: .scale(volts: 5))
        for _ in 0..<10 { scale.add(read(5), for: .cv3) }
        let calibration = try scale.calibration(updating: afterZero)
        for jack in [-5.0, 0, 2.5, 10] {
            #expect(abs(calibration.corrected(read(jack), at: .cv3) - jack) < 1e-9)
        }
        #expect(calibration.corrected(3, at: .cv1) == 3, "inputs not calibrated stay as measured")
    }

    @Test func stepsRejectInputsThatWereNotSetUpAsAsked() {
        var zero = Calibrator(step: .zero)
        zero.add(5, for: .gate1)
        #expect(throws: NeuroError.self) { try zero.calibration(updating: .identity) }
        var scale = Calibrator(step: .scale(volts: 5))
        scale.add(0.01, for: .cv2)
        do {
            _ = try scale.calibration(updating: .identity)
            Issue.record("an unpatched input must not get a gain")
        } catch {
            #expect(error.message.contains("cv2") && error.message.contains("patched"))
        }
    }

    @Test func fileRoundTripsAndBadFilesNameTheField() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("calibration.json")
        let calibration = InputCalibration(inputs: [.gate1: .init(offset: -0.01, gain: 1), .cv5: .init(offset: 0.02, gain: 0.99)])
        try calibration.write(to: url)
        #expect(try InputCalibration(contentsOf: url) == calibration)
        let cases: [(String, String)] = [
            (#"{"format": "neurorack-calibration", "version": 1, "inputs": {"cv9": {"offset": 0, "gain": 1}}}"#, "unknown input \"cv9\""),
            (#"{"format": "neurorack-calibration", "version": 1, "inputs": {"cv1": {"offset": 0, "gain": 7}}}"#, "inputs.cv1.gain"),
            (#"{"format": "neurorack-calibration", "version": 1, "inputs": {"cv1": {"offset": 9, "gain": 1}}}"#, "inputs.cv1.offset"),
            (#"{"format": "other", "version": 1, "inputs": {}}"#, "format must be"),
            (#"{"format": "neurorack-calibration", "version": 2, "inputs": {}}"#, "version must be 1"),
            (#"{"format": "neurorack-calibration", "inputs": {}}"#, "missing key version"),
            ("not json", "not a calibration file"),
        ]
        for (text, message) in cases {
            try Data(text.utf8).write(to: url)
            do {
                _ = try InputCalibration(contentsOf: url)
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.kind == .invalidData)
                #expect(error.message.contains(url.path) && error.message.contains(message), "\(error.message)")
            }
        }
    }
}
