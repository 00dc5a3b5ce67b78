/// A small screen showing the module's state: the display port.
///
/// The ST7789 240×240 LCD, a terminal status line, or a test recorder.
public protocol Display: AnyObject {
    /// Shows `lines` of text (the menu), highlighting line `selected` if any.
    func show(lines: [String], selected: Int?) throws(NeuroError)
}
