/// The i2c-dev interface of `linux/i2c-dev.h` and `linux/i2c.h`: ioctl numbers and layouts.
enum I2CKernelABI {
    /// `I2C_SLAVE`: the address for following `read`/`write` calls.
    static let setAddress: UInt = 0x0703
    /// `I2C_FUNCS`: the adapter's functionality mask (an `unsigned long`).
    static let functions: UInt = 0x0705
    /// `I2C_RDWR`: combined transfers with repeated starts and one STOP.
    static let readWrite: UInt = 0x0707
    /// `I2C_FUNC_I2C`: the adapter does plain I2C messages (needed for `I2C_RDWR`).
    static let plainI2CFunction: UInt = 0x0000_0001
    /// `I2C_M_RD`: the message reads from the chip.
    static let readFlag: UInt16 = 0x0001
    /// `I2C_RDWR_IOCTL_MAX_MSGS`.
    static let maxMessages = 42
    /// The kernel refuses messages longer than this (`8192` in i2c-dev.c).
    static let maxMessageBytes = 8192

    /// `struct i2c_msg`.
    enum Message {
        static let size = 16
        static let address = 0
        static let flags = 2
        static let length = 4
        static let buffer = 8
    }

    /// `struct i2c_rdwr_ioctl_data`.
    enum ReadWriteData {
        static let size = 16
        static let messages = 0
        static let count = 8
    }
}
