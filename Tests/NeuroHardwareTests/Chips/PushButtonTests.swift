import NeuroCore
import Testing
@testable import NeuroHardware

@Suite struct PushButtonTests {
    private let millisecond: UInt64 = 1_000_000

    private func rig() -> (ManualClock, SimulatedGPIOLine, PushButton) {
        let clock = ManualClock(start: 1_000_000_000)
        let line = SimulatedGPIOLine(name: "sim-gpio line 50", initialLevel: true, clock: clock, waiting: clock)
        return (clock, line, PushButton(line: line))
    }

    private func events(_ button: PushButton, over nanoseconds: UInt64) throws -> [PushButtonEvent] {
        var found: [PushButtonEvent] = []
        let end = button.line.nowNanoseconds() + nanoseconds
        while button.line.nowNanoseconds() < end {
            if let event = try button.poll(timeoutNanoseconds: end - button.line.nowNanoseconds()) { found.append(event) }
        }
        return found
    }

    @Test func aBouncingPressAndReleaseGiveOneEventEachAtTheirFirstEdge() throws {
        let (clock, line, button) = rig()
        let start = clock.nowNanoseconds()
        line.bounce(to: false, atNanoseconds: start + 10 * millisecond, transitions: 7, spacingNanoseconds: millisecond)
        line.bounce(to: true, atNanoseconds: start + 400 * millisecond, transitions: 5, spacingNanoseconds: 2 * millisecond)
        let found = try events(button, over: 1_000 * millisecond)
        #expect(found == [
            PushButtonEvent(kind: .press, timeNanoseconds: start + 10 * millisecond),
            PushButtonEvent(kind: .release, timeNanoseconds: start + 400 * millisecond),
        ])
        #expect(!button.isPressed)
    }

    @Test func aTapShorterThanTheDebounceTimeStillEndsReleased() throws {
        let (clock, line, button) = rig()
        let start = clock.nowNanoseconds()
        line.setLevel(false, atNanoseconds: start + 5 * millisecond)
        line.setLevel(true, atNanoseconds: start + 60 * millisecond)
        let found = try events(button, over: 600 * millisecond)
        #expect(found.map(\.kind) == [.press, .release])
        #expect(found[1].timeNanoseconds == start + 255 * millisecond)
    }

    @Test func debouncerIgnoresChatterInsideTheWindow() {
        var debouncer = ButtonDebouncer(debounceNanoseconds: 250, pressedLevel: false)
        #expect(debouncer.edge(GPIOEdgeEvent(edge: .falling, timeNanoseconds: 1000)) == PushButtonEvent(kind: .press, timeNanoseconds: 1000))
        #expect(debouncer.edge(GPIOEdgeEvent(edge: .rising, timeNanoseconds: 1100)) == nil)
        #expect(debouncer.edge(GPIOEdgeEvent(edge: .falling, timeNanoseconds: 1200)) == nil)
        #expect(debouncer.settle(level: false, nowNanoseconds: 1300) == nil)
        #expect(debouncer.edge(GPIOEdgeEvent(edge: .rising, timeNanoseconds: 1300)) == PushButtonEvent(kind: .release, timeNanoseconds: 1300))
        var activeHigh = ButtonDebouncer(debounceNanoseconds: 250, pressedLevel: true)
        #expect(activeHigh.edge(GPIOEdgeEvent(edge: .rising, timeNanoseconds: 5))?.kind == .press)
    }

    @Test func aZeroTimeoutTakesTheEdgesAlreadyThereWithoutWaiting() throws {
        let (clock, line, button) = rig()
        let start = clock.nowNanoseconds()
        line.setLevel(false, atNanoseconds: start)
        #expect(try button.poll(timeoutNanoseconds: 0) == PushButtonEvent(kind: .press, timeNanoseconds: start))
        #expect(try button.poll(timeoutNanoseconds: 0) == nil)
        #expect(clock.nowNanoseconds() == start)
        clock.advance(byNanoseconds: 300 * millisecond)
        line.setLevel(true)
        #expect(try button.poll(timeoutNanoseconds: 0)?.kind == .release)
    }

    @Test func pollReturnsNothingWhenNothingHappens() throws {
        let (clock, _, button) = rig()
        let start = clock.nowNanoseconds()
        #expect(try button.poll(timeoutNanoseconds: 50 * millisecond) == nil)
        #expect(clock.nowNanoseconds() >= start + 50 * millisecond)
    }
}

@Suite struct SimulatedGPIOLineTests {
    @Test func scheduledLevelsBecomeVisibleAtTheirTime() throws {
        let clock = ManualClock()
        let line = SimulatedGPIOLine(initialLevel: false, clock: clock, waiting: clock)
        line.setLevel(true, atNanoseconds: 1_000)
        #expect(try line.read() == false)
        #expect(try line.waitForEdge(timeoutNanoseconds: 500) == nil)
        #expect(try line.waitForEdge(timeoutNanoseconds: 5_000) == GPIOEdgeEvent(edge: .rising, timeNanoseconds: 1_000))
        #expect(try line.read() == true)
        line.setLevel(true)
        #expect(try line.waitForEdge(timeoutNanoseconds: 0) == nil)
    }

    @Test func anOutputKeepsItsHistory() throws {
        let clock = ManualClock()
        let line = SimulatedGPIOLine(clock: clock, waiting: clock)
        try line.set(false)
        clock.advance(byNanoseconds: 10)
        try line.set(true)
        #expect(line.history.map(\.level) == [false, true])
        #expect(line.history.map(\.timeNanoseconds) == [0, 10])
        #expect(line.timesDrivenLow == 1)
        #expect(line.level)
    }

    @Test func aFrozenClockCannotHangTheWait() throws {
        let line = SimulatedGPIOLine(clock: ManualClock(), waiting: FrozenClockWaiting())
        #expect(try line.waitForEdge(timeoutNanoseconds: 10_000_000) == nil)
    }
}

private struct FrozenClockWaiting: DeviceWaiting {
    func wait(nanoseconds: UInt64) {}
}
