/// The spidev interface of `linux/spi/spidev.h`: ioctl numbers and the transfer layout.
enum SPIKernelABI {
    /// `SPI_IOC_MAGIC`.
    static let magic = UInt8(ascii: "k")
    /// `SPI_IOC_WR_MODE` (a `__u8`).
    static let writeMode = IoctlRequest.make(direction: IoctlRequest.write, type: magic, number: 1, size: 1)
    /// `SPI_IOC_WR_BITS_PER_WORD` (a `__u8`).
    static let writeBitsPerWord = IoctlRequest.make(direction: IoctlRequest.write, type: magic, number: 3, size: 1)
    /// `SPI_IOC_WR_MAX_SPEED_HZ` (a `__u32`).
    static let writeMaxSpeed = IoctlRequest.make(direction: IoctlRequest.write, type: magic, number: 4, size: 4)
    /// spidev's default `bufsiz` module parameter: the longest transfer it takes.
    static let defaultBufferSize = 4096
    /// Where the running kernel states `bufsiz`.
    static let bufferSizeParameter = "/sys/module/spidev/parameters/bufsiz"

    /// `SPI_IOC_MESSAGE(count)`.
    static func message(count: Int) -> UInt {
        IoctlRequest.make(direction: IoctlRequest.write, type: magic, number: 0, size: count * Transfer.size)
    }

    /// `struct spi_ioc_transfer`.
    enum Transfer {
        static let size = 32
        static let transmitBuffer = 0
        static let receiveBuffer = 8
        static let length = 16
        static let speedHertz = 20
        static let delayMicroseconds = 24
        static let bitsPerWord = 26
        static let changeChipSelect = 27
    }
}
