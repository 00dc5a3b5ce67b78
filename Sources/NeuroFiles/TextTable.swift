/// Lays out rows of cells as text columns two spaces apart, each as wide as its widest cell:
/// the one table layout of every report and listing (`models`, `profiles`, `eval`, `bench`).
///
/// Columns in `leftAligned` are padded on the right (names, text), the others on the left
/// (numbers). The last column is never padded.
public enum TextTable {
    /// The rows as lines of aligned columns.
    public static func lines(_ rows: [[String]], leftAligned: Set<Int>) -> [String] {
        let columnCount = rows.map(\.count).max() ?? 0
        let widths = (0..<columnCount).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column == columnCount - 1 { return cell }
                return leftAligned.contains(column) ? cell + padding : padding + cell
            }
            .joined(separator: "  ")
        }
    }
}
