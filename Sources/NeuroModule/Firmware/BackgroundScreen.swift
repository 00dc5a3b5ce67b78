import Foundation
import NeuroCore
import Synchronization

/// A screen that draws on its own thread, so that a 38 ms full-frame SPI transfer or the
/// panel's 120 ms wake-up never delays the gate inputs.
///
/// ``show(_:)`` only hands the latest frame over (damage accumulates until it is sent); the
/// thread `neuro-screen` sends it through the wrapped screen. A failure of the wrapped screen
/// is thrown by the next ``show(_:)``, so the firmware reports the device as missing.
public final class BackgroundScreen: ModuleScreen, @unchecked Sendable {
    private struct Mailbox {
        var frame = Framebuffer()
        var hasNewFrame = false
        var lastError: NeuroError?
    }

    private let screen: any ModuleScreen
    private let mailbox = Mutex(Mailbox())
    private let worker = WorkerThread(name: "neuro-screen")

    /// Starts the thread that draws on `screen`.
    public init(_ screen: any ModuleScreen) {
        self.screen = screen
        worker.start { [self] worker in
            while !worker.isStopRequested {
                sendPendingFrame()
                usleep(10_000)
            }
        }
    }

    deinit { worker.stop() }

    /// The wrapped screen's name.
    public var deviceName: String { screen.deviceName }

    /// Queues `frame` for the thread and clears its damage.
    ///
    /// - Throws: the error of the thread's last failed transfer, once.
    public func show(_ frame: inout Framebuffer) throws(NeuroError) {
        let copy = frame
        _ = frame.takeDamage()
        let error = mailbox.withLock { box -> NeuroError? in
            box.frame.present(copy)
            box.hasNewFrame = true
            defer { box.lastError = nil }
            return box.lastError
        }
        if let error { throw error }
    }

    /// Stops the thread (after its current transfer).
    public func stop() { worker.stop() }

    private func sendPendingFrame() {
        guard var frame = mailbox.withLock({ box -> Framebuffer? in
            guard box.hasNewFrame else { return nil }
            box.hasNewFrame = false
            defer { _ = box.frame.takeDamage() }
            return box.frame
        }) else { return }
        do {
            try screen.show(&frame)
        } catch {
            mailbox.withLock {
                $0.lastError = error
                $0.hasNewFrame = true
            }
        }
    }
}
