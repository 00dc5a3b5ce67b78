import NeuroCore
import NeuroHardware

extension ADS1015: ModuleConverter {
    /// The bus path and address, e.g. `/dev/i2c-1 0x48`.
    public var deviceName: String { bus.deviceName(address: address) }

    /// One single-ended conversion of `AIN<channel>`, in volts at the pin.
    public func readPinVolts(channel: Int) throws(NeuroError) -> Double {
        do {
            return try volts(channel: channel)
        } catch {
            throw error.neuroError
        }
    }
}
