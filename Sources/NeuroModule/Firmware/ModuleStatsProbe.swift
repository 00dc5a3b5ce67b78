import Foundation

/// Reads the machine figures of the Stats page: the process's CPU use and the SoC temperature.
public struct ModuleStatsProbe: Sendable {
    private var lastCPU: (process: Double, wall: Double)?
    /// The thermal zones read for the temperature (the hottest counts).
    public let thermalZones: [URL]

    /// A probe of this process and of `/sys/class/thermal/thermal_zone*/temp`.
    public init(thermalRoot: URL = URL(fileURLWithPath: "/sys/class/thermal")) {
        let zones = (try? FileManager.default.contentsOfDirectory(atPath: thermalRoot.path)) ?? []
        thermalZones = zones.filter { $0.hasPrefix("thermal_zone") }.sorted().map {
            thermalRoot.appendingPathComponent($0).appendingPathComponent("temp")
        }
    }

    /// The process's CPU time since the previous call, in percent of one core (`nil` on the first call).
    public mutating func cpuPercent(wallSeconds: Double) -> Double? {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let process = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        defer { lastCPU = (process, wallSeconds) }
        guard let last = lastCPU, wallSeconds > last.wall else { return nil }
        return 100 * (process - last.process) / (wallSeconds - last.wall)
    }

    /// The hottest thermal zone in °C, `nil` when none can be read.
    public func temperatureCelsius() -> Double? {
        thermalZones.compactMap { url -> Double? in
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                let milli = Double(text.trimmingCharacters(in: .whitespacesAndNewlines))
            else { return nil }
            return milli / 1_000
        }.max()
    }
}
