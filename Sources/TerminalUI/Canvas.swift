/// An in-memory grid of styled cells that screens draw into and backends copy to a terminal.
///
/// Everything a screen shows goes through a canvas, so screens are testable without a terminal:
/// compare `lines`/`text` and `style(atX:y:)`.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    /// Column widths used for layout; must agree with the backend that will present the canvas.
    public let widthFunction: DisplayWidth
    /// Where the terminal cursor should sit (e.g. inside a text field); nil hides it.
    public var cursor: (x: Int, y: Int)?
    /// Rows of cells, `height` rows of exactly `width` cells.
    public private(set) var cells: [[Cell]]

    /// A blank canvas. Negative sizes are treated as zero.
    public init(width: Int, height: Int, widthFunction: @escaping DisplayWidth = DisplayWidths.approximate) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.widthFunction = widthFunction
        self.cursor = nil
        self.cells = Array(repeating: Array(repeating: Cell.blank, count: max(0, width)), count: max(0, height))
    }

    /// The style of the cell at (x, y), or `.normal` outside the canvas.
    public func style(atX x: Int, y: Int) -> Style {
        guard contains(x: x, y: y) else { return .normal }
        return cells[y][x].style
    }

    /// Each row as text, exactly `width` columns wide, trailing spaces kept.
    public var lines: [String] {
        cells.map { row in
            var line = ""
            for cell in row where !cell.isContinuation { line.append(cell.grapheme) }
            return line
        }
    }

    /// The rows with trailing spaces trimmed, joined by newlines; convenient in test comparisons.
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed.removeLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes one cell, blanking the other half of any wide grapheme it overwrites so that no
    /// orphaned half is ever left behind.
    mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard contains(x: x, y: y) else { return }
        let old = cells[y][x]
        if old.isContinuation, x > 0 {
            cells[y][x - 1] = Cell(grapheme: " ", style: cells[y][x - 1].style)
        }
        if !old.isContinuation, x + 1 < width, cells[y][x + 1].isContinuation, !cell.isContinuation {
            cells[y][x + 1] = Cell(grapheme: " ", style: cells[y][x + 1].style)
        }
        cells[y][x] = cell
    }
}

extension Canvas: Equatable {
    /// Canvases are equal when they would look the same; the width function is not compared.
    public static func == (lhs: Canvas, rhs: Canvas) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }
}

extension Canvas {
    /// Replaces every grapheme through `transform` (one column in, one column out), keeping
    /// styles: used to turn a finished screen into plain ASCII for terminals without UTF-8.
    public mutating func mapGraphemes(_ transform: (Character) -> Character) {
        for row in cells.indices {
            for column in cells[row].indices where !cells[row][column].isContinuation {
                cells[row][column].grapheme = transform(cells[row][column].grapheme)
            }
        }
    }
}
