import NeuroCore
import Testing
@testable import NeuroHardware

@Suite struct RetryPolicyTests {
    private let glitch = HardwareError(.transferFailed, device: "bus 0x10", operation: "write", systemError: 5)

    @Test func transientFailuresAreRetriedUpToTheBoundWithPauses() throws {
        let clock = ManualClock()
        var calls = 0
        let value = try RetryPolicy(attempts: 3, pauseNanoseconds: 7).run(waiting: clock) { () throws(HardwareError) -> Int in
            calls += 1
            if calls < 3 { throw glitch }
            return 42
        }
        #expect(value == 42 && calls == 3)
        #expect(clock.nowNanoseconds() == 14)
        calls = 0
        #expect(throws: HardwareError.self) {
            try RetryPolicy(attempts: 2, pauseNanoseconds: 0).run(waiting: clock) { () throws(HardwareError) in
                calls += 1
                throw glitch
            }
        }
        #expect(calls == 2)
    }

    @Test func configurationProblemsAreNotRetried() {
        var calls = 0
        #expect(throws: HardwareError.self) {
            try RetryPolicy.standard.run(waiting: ManualClock()) { () throws(HardwareError) in
                calls += 1
                throw HardwareError(.missingDevice, device: "/dev/i2c-1", operation: "open", systemError: 2)
            }
        }
        #expect(calls == 1)
        #expect(RetryPolicy(attempts: 0, pauseNanoseconds: 0).attempts == 1)
    }

    @Test func errorsNameDeviceOperationReasonAndHint() {
        let error = HardwareError.opening("/dev/i2c-1", errno: 2, enableHint: "enable I2C")
        #expect(error.description == "/dev/i2c-1: open failed: No such file or directory (errno 2); enable I2C")
        #expect(error.neuroError.exitCode == 66)
        #expect(HardwareError.transfer("/dev/i2c-1 0x48", operation: "write", errno: 121).kind == .noAcknowledge)
        #expect(HardwareError.opening("/dev/spidev0.0", errno: 13, enableHint: "").kind == .permissionDenied)
    }
}
