import Foundation
import NeuroTestSupport
import Testing
@testable import NeuroHardware

/// What the Linux drivers do on a machine without the devices, and on files that are not devices.
@Suite struct LinuxErrorPathTests {
    private static func nodesExist(_ prefix: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []).contains { $0.hasPrefix(prefix) }
    }

    private func expectMissing(_ path: String, mentioning word: String, _ open: () throws(HardwareError) -> Void) {
        #expect {
            try open()
        } throws: { error in
            guard let error = error as? HardwareError else { return false }
            return error.kind == .missingDevice && error.device == path && error.systemError == ENOENT
                && error.description.contains(word) && error.neuroError.kind == .missingInput
        }
    }

    @Test(.enabled(if: !nodesExist("i2c-"), "this machine has /dev/i2c-* nodes"))
    func aMissingI2CBusSaysHowToEnableIt() {
        expectMissing("/dev/i2c-1", mentioning: "i2c-dev") { () throws(HardwareError) in _ = try LinuxI2CBus(busNumber: 1) }
    }

    @Test(.enabled(if: !nodesExist("spidev"), "this machine has /dev/spidev* nodes"))
    func aMissingSPIDeviceSaysHowToEnableIt() {
        expectMissing("/dev/spidev0.0", mentioning: "spidev") { () throws(HardwareError) in
            _ = try LinuxSPIDevice(path: "/dev/spidev0.0", speedHz: 24_000_000, mode: 0)
        }
    }

    @Test(.enabled(if: !nodesExist("gpiochip"), "this machine has /dev/gpiochip* nodes"))
    func aMissingGPIOChipSaysWhatIsMissing() {
        expectMissing("/dev/gpiochip0", mentioning: "GPIO") { () throws(HardwareError) in _ = try LinuxGPIOChip(path: "/dev/gpiochip0") }
    }

    @Test func aRegularFileIsTheWrongKindOfDeviceForEveryDriver() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("not-a-device").path
        try Data([1, 2, 3]).write(to: directory.file("not-a-device"))
        expectWrongKind(path) { () throws(HardwareError) in _ = try LinuxI2CBus(path: path) }
        expectWrongKind(path) { () throws(HardwareError) in _ = try LinuxSPIDevice(path: path, speedHz: 1_000_000, mode: 0) }
        expectWrongKind(path) { () throws(HardwareError) in _ = try LinuxGPIOChip(path: path) }
    }

    private func expectWrongKind(_ path: String, _ open: () throws(HardwareError) -> Void) {
        #expect {
            try open()
        } throws: { error in
            guard let error = error as? HardwareError else { return false }
            return error.kind == .wrongDeviceKind && error.systemError == ENOTTY && error.device == path
                && error.description.contains("Inappropriate ioctl") && !error.isTransient
        }
    }

    @Test func devNullIsNotAnI2CAdapterEither() {
        #expect {
            _ = try LinuxI2CBus(path: "/dev/null")
        } throws: { ($0 as? HardwareError)?.kind == .wrongDeviceKind }
    }

    @Test(.enabled(if: getuid() != 0, "root may open anything"))
    func anUnreadableNodeIsAPermissionProblemThatNamesTheGroups() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("locked").path
        try Data().write(to: directory.file("locked"))
        chmod(path, 0)
        #expect {
            _ = try LinuxI2CBus(path: path)
        } throws: { error in
            guard let error = error as? HardwareError else { return false }
            return error.kind == .permissionDenied && error.description.contains("group")
        }
    }
}

@Suite struct LinuxSPIChunkingTests {
    @Test func longWritesSplitIntoTransfersTheKernelTakes() {
        let frame = 240 * 240 * 2
        let ranges = LinuxSPIDevice.transferRanges(byteCount: frame, maxTransferBytes: 4096)
        #expect(ranges.count == (frame + 4095) / 4096)
        #expect(ranges.first == 0..<4096)
        #expect(ranges.last == (frame - frame % 4096)..<frame)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(LinuxSPIDevice.transferRanges(byteCount: 0, maxTransferBytes: 4096).isEmpty)
        #expect(LinuxSPIDevice.transferRanges(byteCount: 3, maxTransferBytes: 4096) == [0..<3])
    }

    @Test(.enabled(if: !FileManager.default.fileExists(atPath: SPIKernelABI.bufferSizeParameter), "spidev is loaded here"))
    func withoutSpidevTheBufferIsTheKernelDefault() {
        #expect(LinuxSPIDevice.kernelBufferSize() == 4096)
    }
}
