import Foundation
import NeuroTestSupport
import Testing
@testable import NeuroHardware

/// The C compiler and the kernel headers the ABI is checked against.
private enum KernelHeaders {
    static let compiler = ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let names = ["linux/i2c-dev.h", "linux/i2c.h", "linux/spi/spidev.h", "linux/gpio.h"]
    static let available = compiler != nil && names.allSatisfy { FileManager.default.fileExists(atPath: "/usr/include/\($0)") }
    /// The Jetson's ABI: the aarch64 cross compiler, its kernel headers, and qemu-user to run the probe.
    static let arm64Compiler = "/usr/bin/aarch64-linux-gnu-gcc"
    static let arm64Sysroot = "/usr/aarch64-linux-gnu"
    static let qemu = "/usr/bin/qemu-aarch64"
    static let arm64Available = [arm64Compiler, qemu].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        && names.allSatisfy { FileManager.default.fileExists(atPath: "\(arm64Sysroot)/include/\($0)") }
}

/// Every ioctl number, struct size and field offset the drivers declare, against the values the
/// C compiler computes from /usr/include/linux.
@Suite(.enabled(if: KernelHeaders.available, "needs a C compiler and the linux-libc-dev headers in /usr/include/linux"))
struct KernelABITests {
    private static let declared: [(String, Int)] = [
        ("I2C_SLAVE", Int(I2CKernelABI.setAddress)), ("I2C_FUNCS", Int(I2CKernelABI.functions)),
        ("I2C_RDWR", Int(I2CKernelABI.readWrite)), ("I2C_FUNC_I2C", Int(I2CKernelABI.plainI2CFunction)),
        ("I2C_M_RD", Int(I2CKernelABI.readFlag)), ("I2C_RDWR_IOCTL_MAX_MSGS", I2CKernelABI.maxMessages),
        ("sizeof(struct i2c_msg)", I2CKernelABI.Message.size), ("offsetof(struct i2c_msg, addr)", I2CKernelABI.Message.address),
        ("offsetof(struct i2c_msg, flags)", I2CKernelABI.Message.flags), ("offsetof(struct i2c_msg, len)", I2CKernelABI.Message.length),
        ("offsetof(struct i2c_msg, buf)", I2CKernelABI.Message.buffer),
        ("sizeof(struct i2c_rdwr_ioctl_data)", I2CKernelABI.ReadWriteData.size),
        ("offsetof(struct i2c_rdwr_ioctl_data, msgs)", I2CKernelABI.ReadWriteData.messages),
        ("offsetof(struct i2c_rdwr_ioctl_data, nmsgs)", I2CKernelABI.ReadWriteData.count),
        ("SPI_IOC_WR_MODE", Int(SPIKernelABI.writeMode)), ("SPI_IOC_WR_BITS_PER_WORD", Int(SPIKernelABI.writeBitsPerWord)),
        ("SPI_IOC_WR_MAX_SPEED_HZ", Int(SPIKernelABI.writeMaxSpeed)), ("SPI_IOC_MESSAGE(1)", Int(SPIKernelABI.message(count: 1))),
        ("SPI_IOC_MESSAGE(4)", Int(SPIKernelABI.message(count: 4))),
        ("sizeof(struct spi_ioc_transfer)", SPIKernelABI.Transfer.size),
        ("offsetof(struct spi_ioc_transfer, tx_buf)", SPIKernelABI.Transfer.transmitBuffer),
        ("offsetof(struct spi_ioc_transfer, rx_buf)", SPIKernelABI.Transfer.receiveBuffer),
        ("offsetof(struct spi_ioc_transfer, len)", SPIKernelABI.Transfer.length),
        ("offsetof(struct spi_ioc_transfer, speed_hz)", SPIKernelABI.Transfer.speedHertz),
        ("offsetof(struct spi_ioc_transfer, delay_usecs)", SPIKernelABI.Transfer.delayMicroseconds),
        ("offsetof(struct spi_ioc_transfer, bits_per_word)", SPIKernelABI.Transfer.bitsPerWord),
        ("offsetof(struct spi_ioc_transfer, cs_change)", SPIKernelABI.Transfer.changeChipSelect),
        ("GPIO_GET_CHIPINFO_IOCTL", Int(GPIOKernelABI.chipInfo)), ("GPIO_V2_GET_LINE_IOCTL", Int(GPIOKernelABI.v2GetLine)),
        ("GPIO_V2_LINE_GET_VALUES_IOCTL", Int(GPIOKernelABI.v2GetValues)),
        ("GPIO_V2_LINE_SET_VALUES_IOCTL", Int(GPIOKernelABI.v2SetValues)),
        ("GPIO_GET_LINEHANDLE_IOCTL", Int(GPIOKernelABI.v1GetLineHandle)),
        ("GPIO_GET_LINEEVENT_IOCTL", Int(GPIOKernelABI.v1GetLineEvent)),
        ("GPIOHANDLE_GET_LINE_VALUES_IOCTL", Int(GPIOKernelABI.v1GetValues)),
        ("GPIOHANDLE_SET_LINE_VALUES_IOCTL", Int(GPIOKernelABI.v1SetValues)),
        ("GPIO_MAX_NAME_SIZE", GPIOKernelABI.nameSize),
        ("sizeof(struct gpiochip_info)", GPIOKernelABI.ChipInfo.size),
        ("offsetof(struct gpiochip_info, name)", GPIOKernelABI.ChipInfo.name),
        ("offsetof(struct gpiochip_info, label)", GPIOKernelABI.ChipInfo.label),
        ("offsetof(struct gpiochip_info, lines)", GPIOKernelABI.ChipInfo.lines),
        ("sizeof(struct gpio_v2_line_request)", GPIOKernelABI.V2LineRequest.size),
        ("offsetof(struct gpio_v2_line_request, offsets)", GPIOKernelABI.V2LineRequest.offsets),
        ("offsetof(struct gpio_v2_line_request, consumer)", GPIOKernelABI.V2LineRequest.consumer),
        ("offsetof(struct gpio_v2_line_request, config.flags)", GPIOKernelABI.V2LineRequest.configFlags),
        ("offsetof(struct gpio_v2_line_request, config.num_attrs)", GPIOKernelABI.V2LineRequest.configAttributeCount),
        ("offsetof(struct gpio_v2_line_request, config.attrs)", GPIOKernelABI.V2LineRequest.configAttributes),
        ("offsetof(struct gpio_v2_line_request, num_lines)", GPIOKernelABI.V2LineRequest.lineCount),
        ("offsetof(struct gpio_v2_line_request, event_buffer_size)", GPIOKernelABI.V2LineRequest.eventBufferSize),
        ("offsetof(struct gpio_v2_line_request, fd)", GPIOKernelABI.V2LineRequest.descriptor),
        ("sizeof(struct gpio_v2_line_config_attribute)", GPIOKernelABI.V2ConfigAttribute.size),
        ("offsetof(struct gpio_v2_line_config_attribute, attr.id)", GPIOKernelABI.V2ConfigAttribute.id),
        ("offsetof(struct gpio_v2_line_config_attribute, attr.values)", GPIOKernelABI.V2ConfigAttribute.value),
        ("offsetof(struct gpio_v2_line_config_attribute, mask)", GPIOKernelABI.V2ConfigAttribute.mask),
        ("sizeof(struct gpio_v2_line_values)", GPIOKernelABI.V2LineValues.size),
        ("offsetof(struct gpio_v2_line_values, bits)", GPIOKernelABI.V2LineValues.bits),
        ("offsetof(struct gpio_v2_line_values, mask)", GPIOKernelABI.V2LineValues.mask),
        ("sizeof(struct gpio_v2_line_event)", GPIOKernelABI.V2Event.size),
        ("offsetof(struct gpio_v2_line_event, timestamp_ns)", GPIOKernelABI.V2Event.timestamp),
        ("offsetof(struct gpio_v2_line_event, id)", GPIOKernelABI.V2Event.id),
        ("GPIO_V2_LINE_FLAG_INPUT", Int(GPIOKernelABI.V2Flag.input)), ("GPIO_V2_LINE_FLAG_OUTPUT", Int(GPIOKernelABI.V2Flag.output)),
        ("GPIO_V2_LINE_FLAG_EDGE_RISING", Int(GPIOKernelABI.V2Flag.edgeRising)),
        ("GPIO_V2_LINE_FLAG_EDGE_FALLING", Int(GPIOKernelABI.V2Flag.edgeFalling)),
        ("GPIO_V2_LINE_FLAG_BIAS_PULL_UP", Int(GPIOKernelABI.V2Flag.biasPullUp)),
        ("GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES", Int(GPIOKernelABI.v2OutputValuesAttribute)),
        ("GPIO_V2_LINE_EVENT_RISING_EDGE", Int(GPIOKernelABI.risingEdgeEvent)),
        ("GPIO_V2_LINE_EVENT_FALLING_EDGE", Int(GPIOKernelABI.fallingEdgeEvent)),
        ("GPIOEVENT_EVENT_RISING_EDGE", Int(GPIOKernelABI.risingEdgeEvent)),
        ("GPIOEVENT_EVENT_FALLING_EDGE", Int(GPIOKernelABI.fallingEdgeEvent)),
        ("sizeof(struct gpiohandle_request)", GPIOKernelABI.V1HandleRequest.size),
        ("offsetof(struct gpiohandle_request, lineoffsets)", GPIOKernelABI.V1HandleRequest.offsets),
        ("offsetof(struct gpiohandle_request, flags)", GPIOKernelABI.V1HandleRequest.flags),
        ("offsetof(struct gpiohandle_request, default_values)", GPIOKernelABI.V1HandleRequest.defaultValues),
        ("offsetof(struct gpiohandle_request, consumer_label)", GPIOKernelABI.V1HandleRequest.consumer),
        ("offsetof(struct gpiohandle_request, lines)", GPIOKernelABI.V1HandleRequest.lineCount),
        ("offsetof(struct gpiohandle_request, fd)", GPIOKernelABI.V1HandleRequest.descriptor),
        ("sizeof(struct gpioevent_request)", GPIOKernelABI.V1EventRequest.size),
        ("offsetof(struct gpioevent_request, lineoffset)", GPIOKernelABI.V1EventRequest.offset),
        ("offsetof(struct gpioevent_request, handleflags)", GPIOKernelABI.V1EventRequest.handleFlags),
        ("offsetof(struct gpioevent_request, eventflags)", GPIOKernelABI.V1EventRequest.eventFlags),
        ("offsetof(struct gpioevent_request, consumer_label)", GPIOKernelABI.V1EventRequest.consumer),
        ("offsetof(struct gpioevent_request, fd)", GPIOKernelABI.V1EventRequest.descriptor),
        ("sizeof(struct gpiohandle_data)", GPIOKernelABI.V1HandleData.size),
        ("sizeof(struct gpioevent_data)", GPIOKernelABI.V1Event.size),
        ("offsetof(struct gpioevent_data, timestamp)", GPIOKernelABI.V1Event.timestamp),
        ("offsetof(struct gpioevent_data, id)", GPIOKernelABI.V1Event.id),
        ("GPIOHANDLE_REQUEST_INPUT", Int(GPIOKernelABI.v1RequestInput)),
        ("GPIOHANDLE_REQUEST_OUTPUT", Int(GPIOKernelABI.v1RequestOutput)),
        ("GPIOEVENT_REQUEST_BOTH_EDGES", Int(GPIOKernelABI.v1BothEdges)),
    ]

    /// Compiles a C program that prints each expression with `compiler`, runs it (through
    /// `runner` when given), and returns name → value.
    private func headerValues(compiler: String, runner: [String] = []) throws -> [String: Int] {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var source = "#include <stddef.h>\n#include <stdio.h>\n"
        source += KernelHeaders.names.map { "#include <\($0)>\n" }.joined()
        source += "int main(void) {\n"
        for (expression, _) in Self.declared {
            source += "    printf(\"%s=%llu\\n\", \"\(expression)\", (unsigned long long)(\(expression)));\n"
        }
        source += "    return 0;\n}\n"
        try source.write(to: directory.file("abi.c"), atomically: true, encoding: .utf8)
        let compile = try run(compiler, [directory.file("abi.c").path, "-o", directory.file("abi").path])
        #expect(compile.status == 0, "\(compile.output)")
        let probe = runner.isEmpty ? try run(directory.file("abi").path, []) : try run(runner[0], Array(runner.dropFirst()) + [directory.file("abi").path])
        var values: [String: Int] = [:]
        for line in probe.output.split(separator: "\n") {
            guard let equals = line.lastIndex(of: "=") else { continue }
            values[String(line[..<equals])] = Int(line[line.index(after: equals)...])
        }
        return values
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private func expectDeclaredValues(_ values: [String: Int], _ abi: String) {
        #expect(values.count == Set(Self.declared.map(\.0)).count, "\(abi)")
        for (expression, declared) in Self.declared {
            #expect(values[expression] == declared, "\(abi) \(expression): headers say \(values[expression].map(String.init) ?? "nothing"), Swift says \(declared)")
        }
    }

    @Test func everyDeclaredValueMatchesTheKernelHeaders() throws {
        expectDeclaredValues(try headerValues(compiler: KernelHeaders.compiler!), "host")
    }

    @Test(.enabled(if: KernelHeaders.arm64Available, "needs gcc-aarch64-linux-gnu, libc6-dev-arm64-cross and qemu-user"))
    func everyDeclaredValueMatchesTheArm64HeadersUnderQemu() throws {
        let values = try headerValues(compiler: KernelHeaders.arm64Compiler, runner: [KernelHeaders.qemu, "-L", KernelHeaders.arm64Sysroot])
        expectDeclaredValues(values, "arm64")
    }
}
