import NeuroCore
import Testing
@testable import NeuroHardware

/// A waiter that moves a manual clock by only a fraction of what it is asked to wait, so the
/// driver has to poll the conversion-ready bit several times.
private struct FractionalWaiting: DeviceWaiting {
    let clock: ManualClock
    let divisor: UInt64
    func wait(nanoseconds: UInt64) { clock.advance(byNanoseconds: nanoseconds / divisor) }
}

/// A waiter that never lets time pass: the conversion never completes.
private struct FrozenWaiting: DeviceWaiting {
    func wait(nanoseconds: UInt64) {}
}

@Suite struct ADS1015Tests {
    private func rig(seed: UInt64 = 1) -> (SimulatedI2CBus, SimulatedADS1015, ManualClock) {
        let clock = ManualClock()
        let bus = SimulatedI2CBus(path: "sim-i2c-1", seed: seed)
        let chip = SimulatedADS1015(clock: clock)
        bus.attach(chip, at: 0x48)
        return (bus, chip, clock)
    }

    @Test func readsEveryChannelAtEveryGainWithinOneCode() throws {
        let (bus, chip, clock) = rig()
        var random = SplitMix64(seed: 7)
        for gain in ADS1015Gain.allCases {
            let converter = ADS1015(bus: bus, address: 0x48, gain: gain, waiting: clock)
            for channel in 0..<4 {
                let volts = Double(random.nextUnitFloat()) * gain.fullScaleVolts * 0.98
                chip.setVolts(volts, channel: channel)
                let read = try converter.volts(channel: channel)
                #expect(abs(read - volts) <= gain.voltsPerCode, "gain \(gain) AIN\(channel): set \(volts), read \(read)")
                #expect(chip.config.input == .single(channel))
                #expect(chip.config.gain == gain)
                #expect(chip.config.isSingleShot)
            }
        }
    }

    @Test func differentialPairsAndClippingAtFullScale() throws {
        let (bus, chip, clock) = rig()
        let converter = ADS1015(bus: bus, address: 0x48, waiting: clock)
        chip.setVolts(1.9, channel: 0)
        chip.setVolts(1.241, channel: 3)
        #expect(abs(try converter.volts(.differential(positive: 0, negative: 3)) - 0.659) <= 0.001 + 1e-9)
        chip.setVolts(0.2, channel: 1)
        #expect(abs(try converter.volts(.differential(positive: 1, negative: 3)) + 1.041) <= 0.001 + 1e-9)
        chip.setVolts(5, channel: 1)
        #expect(try converter.code(.single(1)) == 2047)
        chip.setVolts(-5, channel: 1)
        #expect(try converter.code(.single(1)) == -2048)
    }

    @Test func anInputThePGADoesNotHaveIsRefusedWithoutBusTraffic() {
        let (bus, _, clock) = rig()
        let converter = ADS1015(bus: bus, address: 0x48, waiting: clock)
        for input in [ADS1015Input.single(4), .single(-1), .differential(positive: 1, negative: 2)] {
            #expect(throws: HardwareError.self) { try converter.code(input) }
        }
        #expect(bus.counts.transfers == 0)
    }

    @Test func waitsForConversionReadyBeforeReadingTheResult() throws {
        let (bus, chip, clock) = rig()
        let converter = ADS1015(bus: bus, address: 0x48, dataRate: .sps128, maxPolls: 40, waiting: FractionalWaiting(clock: clock, divisor: 8))
        chip.setVolts(1.0, channel: 2)
        let volts = try converter.volts(channel: 2)
        #expect(abs(volts - 1.0) <= 0.001)
        // One config write, several config polls (the clock moves 1/8 of each wait), one result read.
        #expect(bus.counts.transfers > 3)
        let start = clock.nowNanoseconds()
        _ = try converter.volts(channel: 2)
        #expect(clock.nowNanoseconds() - start >= ADS1015DataRate.sps128.conversionNanoseconds / 8)
    }

    @Test func aConversionThatNeverCompletesTimesOutAfterTheBoundedPolls() {
        let (bus, _, _) = rig()
        let converter = ADS1015(bus: bus, address: 0x48, maxPolls: 5, retry: .never, waiting: FrozenWaiting())
        #expect {
            try converter.code(.single(0))
        } throws: { error in
            (error as? HardwareError)?.kind == .timedOut && (error as? HardwareError)?.device == "sim-i2c-1 0x48"
        }
        #expect(bus.counts.transfers == 1 + 5)
    }

    @Test func aFailingBusGivesATypedErrorAndTheRetrySucceeds() throws {
        let (bus, chip, clock) = rig()
        chip.setVolts(0.5, channel: 0)
        let once = ADS1015(bus: bus, address: 0x48, retry: .never, waiting: clock)
        bus.failNextTransfers(1)
        #expect {
            try once.code(.single(0))
        } throws: { error in
            guard let error = error as? HardwareError else { return false }
            return error.kind == .transferFailed && error.isTransient && error.description.contains("sim-i2c-1 0x48")
        }
        let retrying = ADS1015(bus: bus, address: 0x48, retry: RetryPolicy(attempts: 3, pauseNanoseconds: 1000), waiting: clock)
        bus.failNextTransfers(2)
        #expect(abs(try retrying.volts(channel: 0) - 0.5) <= 0.001)
        #expect(bus.counts.failures == 3)
    }

    @Test func aRemovedChipIsUnacknowledgedAndComesBackWhenReattached() throws {
        let (bus, chip, clock) = rig()
        chip.setVolts(0.25, channel: 1)
        let converter = ADS1015(bus: bus, address: 0x48, waiting: clock)
        bus.remove(address: 0x48)
        #expect {
            try converter.code(.single(1))
        } throws: { ($0 as? HardwareError)?.kind == .noAcknowledge }
        bus.reattach(address: 0x48)
        #expect(abs(try converter.volts(channel: 1) - 0.25) <= 0.001)
        let nobody = ADS1015(bus: bus, address: 0x4A, retry: .never, waiting: clock)
        #expect(throws: HardwareError.self) { try nobody.code(.single(0)) }
    }

    @Test func randomFailuresAreReproducibleFromTheSeed() throws {
        func failurePattern(seed: UInt64) -> [Bool] {
            let (bus, _, clock) = rig(seed: seed)
            bus.setFailureProbability(0.3)
            let converter = ADS1015(bus: bus, address: 0x48, retry: .never, waiting: clock)
            return (0..<40).map { _ in (try? converter.code(.single(0))) == nil }
        }
        let pattern = failurePattern(seed: 42)
        #expect(pattern == failurePattern(seed: 42))
        #expect(pattern.contains(true) && pattern.contains(false))
        #expect(pattern != failurePattern(seed: 43))
    }
}

@Suite struct ADS1015RegisterTests {
    @Test func configWordsRoundTripAndMatchThePowerOnValue() {
        #expect(ADS1015Config.powerOn.word == 0x8583)
        #expect(ADS1015Config.powerOn.input == .differential(positive: 0, negative: 1))
        #expect(ADS1015Config.powerOn.gain == .volts2_048)
        #expect(ADS1015Config.powerOn.dataRate == .sps1600)
        for mux in UInt16(0)...7 {
            for gain in ADS1015Gain.allCases {
                for rate in ADS1015DataRate.allCases {
                    let config = ADS1015Config(operationalStatus: true, input: ADS1015Input(muxBits: mux), gain: gain, isSingleShot: true, dataRate: rate)
                    #expect(ADS1015Config(word: config.word!) == config)
                }
            }
        }
        // AIN2 single-ended, ±2.048 V, single-shot, 3300 SPS, comparator off.
        #expect(ADS1015Config(operationalStatus: true, input: .single(2), gain: .volts2_048, isSingleShot: true, dataRate: .sps3300).word == 0xE5C3)
    }

    @Test func conversionRegisterCodesAreSignedTwelveBits() {
        #expect(ADS1015.code(fromRegister: 0x7FF0) == 2047)
        #expect(ADS1015.code(fromRegister: 0x8000) == -2048)
        #expect(ADS1015.code(fromRegister: 0xFFF0) == -1)
        #expect(ADS1015.code(fromRegister: 0x0010) == 1)
    }

    @Test func theSimulatedChipHoldsTheOldResultUntilTheConversionEnds() {
        let clock = ManualClock()
        let chip = SimulatedADS1015(clock: clock)
        chip.setVolts(1.0, channel: 0)
        chip.receive([0x01, 0xC5, 0x83])  // AIN0, ±2.048 V, single-shot, 1600 SPS, start
        chip.receive([0x01])
        #expect(chip.transmit(count: 2)[0] & 0x80 == 0)
        chip.receive([0x00])
        #expect(chip.transmit(count: 2) == [0, 0])
        clock.advance(byNanoseconds: ADS1015DataRate.sps1600.conversionNanoseconds)
        chip.receive([0x01])
        #expect(chip.transmit(count: 2)[0] & 0x80 != 0)
        chip.receive([0x00])
        let bytes = chip.transmit(count: 2)
        #expect(ADS1015.code(fromRegister: UInt16(bytes[0]) << 8 | UInt16(bytes[1])) == 1000)
        #expect(chip.conversionsStarted == 1)
    }
}
