/// The GPIO character device of `linux/gpio.h`: the v2 line API (Linux 5.10+) and the v1
/// handle/event API that older kernels (the Jetson Nano's 4.9) have.
enum GPIOKernelABI {
    /// The ioctl type of the GPIO character device.
    static let magic: UInt8 = 0xB4
    private static let readWrite = IoctlRequest.read | IoctlRequest.write

    /// `GPIO_GET_CHIPINFO_IOCTL`.
    static let chipInfo = IoctlRequest.make(direction: IoctlRequest.read, type: magic, number: 0x01, size: ChipInfo.size)
    /// `GPIO_V2_GET_LINE_IOCTL`.
    static let v2GetLine = IoctlRequest.make(direction: readWrite, type: magic, number: 0x07, size: V2LineRequest.size)
    /// `GPIO_V2_LINE_GET_VALUES_IOCTL`.
    static let v2GetValues = IoctlRequest.make(direction: readWrite, type: magic, number: 0x0E, size: V2LineValues.size)
    /// `GPIO_V2_LINE_SET_VALUES_IOCTL`.
    static let v2SetValues = IoctlRequest.make(direction: readWrite, type: magic, number: 0x0F, size: V2LineValues.size)
    /// `GPIO_GET_LINEHANDLE_IOCTL`.
    static let v1GetLineHandle = IoctlRequest.make(direction: readWrite, type: magic, number: 0x03, size: V1HandleRequest.size)
    /// `GPIO_GET_LINEEVENT_IOCTL`.
    static let v1GetLineEvent = IoctlRequest.make(direction: readWrite, type: magic, number: 0x04, size: V1EventRequest.size)
    /// `GPIOHANDLE_GET_LINE_VALUES_IOCTL`.
    static let v1GetValues = IoctlRequest.make(direction: readWrite, type: magic, number: 0x08, size: V1HandleData.size)
    /// `GPIOHANDLE_SET_LINE_VALUES_IOCTL`.
    static let v1SetValues = IoctlRequest.make(direction: readWrite, type: magic, number: 0x09, size: V1HandleData.size)

    /// `GPIO_MAX_NAME_SIZE`: consumer labels and chip names.
    static let nameSize = 32

    /// `struct gpiochip_info`.
    enum ChipInfo {
        static let size = 68
        static let name = 0
        static let label = 32
        static let lines = 64
    }

    /// `struct gpio_v2_line_request` (with its embedded `struct gpio_v2_line_config`).
    enum V2LineRequest {
        static let size = 592
        static let offsets = 0
        static let consumer = 256
        static let configFlags = 288
        static let configAttributeCount = 296
        static let configAttributes = 320
        static let lineCount = 560
        static let eventBufferSize = 564
        static let descriptor = 588
    }

    /// `struct gpio_v2_line_config_attribute` (its `attr.id`, `attr.values`, `mask`).
    enum V2ConfigAttribute {
        static let size = 24
        static let id = 0
        static let value = 8
        static let mask = 16
    }

    /// `struct gpio_v2_line_values`.
    enum V2LineValues {
        static let size = 16
        static let bits = 0
        static let mask = 8
    }

    /// `struct gpio_v2_line_event`.
    enum V2Event {
        static let size = 48
        static let timestamp = 0
        static let id = 8
    }

    /// `enum gpio_v2_line_flag` values.
    enum V2Flag {
        static let input: UInt64 = 1 << 2
        static let output: UInt64 = 1 << 3
        static let edgeRising: UInt64 = 1 << 4
        static let edgeFalling: UInt64 = 1 << 5
        static let biasPullUp: UInt64 = 1 << 8
    }

    /// `GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES`.
    static let v2OutputValuesAttribute: UInt32 = 2
    /// `GPIO_V2_LINE_EVENT_RISING_EDGE` (v2) and `GPIOEVENT_EVENT_RISING_EDGE` (v1).
    static let risingEdgeEvent: UInt32 = 1
    /// `GPIO_V2_LINE_EVENT_FALLING_EDGE` (v2) and `GPIOEVENT_EVENT_FALLING_EDGE` (v1).
    static let fallingEdgeEvent: UInt32 = 2

    /// `struct gpiohandle_request`.
    enum V1HandleRequest {
        static let size = 364
        static let offsets = 0
        static let flags = 256
        static let defaultValues = 260
        static let consumer = 324
        static let lineCount = 356
        static let descriptor = 360
    }

    /// `struct gpioevent_request`.
    enum V1EventRequest {
        static let size = 48
        static let offset = 0
        static let handleFlags = 4
        static let eventFlags = 8
        static let consumer = 12
        static let descriptor = 44
    }

    /// `struct gpiohandle_data`.
    enum V1HandleData {
        static let size = 64
    }

    /// `struct gpioevent_data`.
    enum V1Event {
        static let size = 16
        static let timestamp = 0
        static let id = 8
    }

    /// `GPIOHANDLE_REQUEST_INPUT`.
    static let v1RequestInput: UInt32 = 1 << 0
    /// `GPIOHANDLE_REQUEST_OUTPUT`.
    static let v1RequestOutput: UInt32 = 1 << 1
    /// `GPIOEVENT_REQUEST_BOTH_EDGES`.
    static let v1BothEdges: UInt32 = 0b11
}
