import NeuroCore
/// Lays out rows of cells as text columns two spaces apart, each as wide as its widest cell.
///
/// Columns in `leftAligned` are padded on the right (names, text), the others on the left
/// (numbers). The last column is never padded. Used by the tables of `models` and `profiles`.
enum TextColumns {
    /// The rows as lines of aligned columns.
    static func aligned(_ rows: [[String]], leftAligned: Set<Int>) -> [String] {
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
