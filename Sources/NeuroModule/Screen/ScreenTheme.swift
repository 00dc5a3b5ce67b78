/// The colours and the layout grid shared by every page the ``ScreenRenderer`` draws.
enum ScreenTheme {
    static let background = RGB565.black
    static let text = RGB565.white
    static let dimText = RGB565(red: 150, green: 160, blue: 170)
    static let header = RGB565(red: 0, green: 96, blue: 120)
    static let highlight = RGB565(red: 255, green: 176, blue: 0)
    static let highlightText = RGB565.black
    static let warning = RGB565(red: 210, green: 30, blue: 30)
    static let notice = RGB565(red: 200, green: 110, blue: 0)
    static let frame = RGB565(red: 60, green: 70, blue: 80)
    static let bar = RGB565(red: 0, green: 200, blue: 140)
    /// One colour per descriptor curve, in `Descriptor` order (repeating after the last).
    static let curves: [RGB565] = [
        RGB565(red: 255, green: 90, blue: 90), RGB565(red: 255, green: 200, blue: 60), RGB565(red: 120, green: 230, blue: 90),
        RGB565(red: 80, green: 220, blue: 230), RGB565(red: 110, green: 140, blue: 255), RGB565(red: 220, green: 120, blue: 255),
        RGB565(red: 255, green: 140, blue: 200), RGB565(red: 230, green: 230, blue: 230),
    ]

    /// The scale of titles and list rows: 12 × 20-pixel characters, 18 per row after the margins.
    static let textScale = 2
    /// The height of the header bar holding the page title.
    static let headerHeight = 30
    /// The left and right margin of text.
    static let margin = 8
    /// The top of the first list row.
    static let listTop = 34
    /// The height of one list row.
    static let rowHeight = 22
    /// The number of list rows that fit under the header.
    static let visibleRows = (Framebuffer.screenSide - listTop) / rowHeight
}
