import Foundation
import Testing
@testable import NeuroHardware

/// The edge path of the Linux input line (poll, read, decode) on a pipe that carries the
/// kernel's event structs, since this machine has no GPIO chip.
@Suite struct LinuxGPIOLineTests {
    private func pipeLine(_ version: GPIOInterfaceVersion) -> (LinuxGPIOInputLine, Int32) {
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        return (LinuxGPIOInputLine(file: DeviceFile(adopting: ends[0], name: "pipe line 50"), version: version), ends[1])
    }

    private func send(_ event: KernelStruct, to descriptor: Int32) {
        _ = event.bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    @Test func v2EventsDecodeWithTheirMonotonicTime() throws {
        let (line, writer) = pipeLine(.v2)
        defer { close(writer) }
        #expect(try line.waitForEdge(timeoutNanoseconds: 1_000_000) == nil)
        let now = line.nowNanoseconds()
        var event = KernelStruct(size: GPIOKernelABI.V2Event.size)
        event.store(now, at: GPIOKernelABI.V2Event.timestamp)
        event.store(GPIOKernelABI.fallingEdgeEvent, at: GPIOKernelABI.V2Event.id)
        send(event, to: writer)
        #expect(try line.waitForEdge(timeoutNanoseconds: 1_000_000_000) == GPIOEdgeEvent(edge: .falling, timeNanoseconds: now))
    }

    @Test func v1RealtimeStampsAreMovedOntoTheMonotonicClock() throws {
        let (line, writer) = pipeLine(.v1)
        defer { close(writer) }
        var realtime = timespec()
        clock_gettime(CLOCK_REALTIME, &realtime)
        let before = line.nowNanoseconds()
        var event = KernelStruct(size: GPIOKernelABI.V1Event.size)
        event.store(UInt64(realtime.tv_sec) * 1_000_000_000 + UInt64(realtime.tv_nsec), at: GPIOKernelABI.V1Event.timestamp)
        event.store(GPIOKernelABI.risingEdgeEvent, at: GPIOKernelABI.V1Event.id)
        send(event, to: writer)
        let edge = try #require(try line.waitForEdge(timeoutNanoseconds: 1_000_000_000))
        #expect(edge.edge == .rising)
        #expect(edge.timeNanoseconds + 1_000_000_000 > before && edge.timeNanoseconds < line.nowNanoseconds() + 1_000_000_000)
    }

    @Test func aTruncatedEventIsAnUnexpectedResponseAndLevelsNeedALine() throws {
        let (line, writer) = pipeLine(.v2)
        _ = [UInt8](repeating: 0, count: 10).withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
        close(writer)
        #expect {
            _ = try line.waitForEdge(timeoutNanoseconds: 1_000_000_000)
        } throws: { ($0 as? HardwareError)?.kind == .unexpectedResponse }
        #expect {
            _ = try line.read()
        } throws: { ($0 as? HardwareError)?.kind == .wrongDeviceKind }
    }
}
