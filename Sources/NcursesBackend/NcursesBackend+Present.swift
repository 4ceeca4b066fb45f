import CNcursesw
import TerminalUI

extension NcursesBackend {
    /// Copies `canvas` to the terminal. Only rows that differ from the last canvas are handed
    /// to curses (a keystroke usually changes two or three), and curses then sends only the
    /// cells that changed.
    public func present(_ canvas: Canvas) {
        guard let window else { return }
        let (columns, rows) = size
        let width = min(canvas.width, columns)
        let height = min(canvas.height, rows)
        // After a resize (or the first time) every row is drawn afresh.
        let full = presentedRows.count != height || presentedRows.first?.count != canvas.width
        if full { werase(window) }
        var run: [wchar_t] = []
        run.reserveCapacity(width * 2)
        for y in 0..<height {
            let row = canvas.cells[y]
            if !full, presentedRows[y] == row { continue }
            if !full {
                wattr_set(window, nc_A_NORMAL(), 0, nil)
                wmove(window, Int32(y), 0)
                wclrtoeol(window)
            }
            draw(row: row, y: y, width: width, in: window, run: &run)
        }
        presentedRows = Array(canvas.cells.prefix(height))
        wattr_set(window, nc_A_NORMAL(), 0, nil)
        if let cursor = canvas.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns, cursor.y < rows {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Writes one row as runs of one style each; plain blanks are left as the cleared row has them.
    /// A run goes to curses as wide characters (`run` is reused from row to row): a multibyte
    /// string would be built grapheme by grapheme and then decoded again by curses byte by byte,
    /// which was most of the first frame's drawing time.
    private func draw(
        row: [Cell], y: Int, width: Int, in window: UnsafeMutablePointer<WINDOW>, run: inout [wchar_t]
    ) {
        var x = 0
        while x < width {
            let style = row[x].style
            let start = x
            run.removeAll(keepingCapacity: true)
            var blank = true
            while x < width, row[x].style == style {
                if !row[x].isContinuation {
                    for scalar in row[x].grapheme.unicodeScalars {
                        run.append(wchar_t(bitPattern: scalar.value))
                        if scalar != " " { blank = false }
                    }
                }
                x += 1
            }
            let entry = styles[style]
            if blank, entry.attributes == nc_A_NORMAL(), entry.pair == 0 { continue }
            wattr_set(window, entry.attributes, entry.pair, nil)
            // ERR is expected on the bottom-right cell (the cursor cannot wrap) and harmless.
            _ = mvwaddnwstr(window, Int32(y), Int32(start), run, Int32(run.count))
        }
    }

    /// What curses holds for each row, read back with mvwinnwstr (for tests).
    public func snapshot() -> [String] {
        guard let window else { return [] }
        let (columns, rows) = size
        var lines: [String] = []
        for y in 0..<rows {
            // Room for combining characters attached to cells.
            var buffer = [wchar_t](repeating: 0, count: columns * 4 + 1)
            let count = mvwinnwstr(window, Int32(y), 0, &buffer, Int32(columns * 4))
            var line = ""
            if count > 0 {
                for value in buffer.prefix(Int(count)) {
                    if let scalar = Unicode.Scalar(UInt32(bitPattern: value)) { line.unicodeScalars.append(scalar) }
                }
            }
            lines.append(line)
        }
        return lines
    }
}

extension NcursesBackend {
    /// The attributes curses holds for the cell at (x, y), as presentation hints (for tests that
    /// check a highlight without a terminal). Colours are not reported.
    public func presentation(atX x: Int, y: Int) -> Theme.Presentation {
        guard let window else { return .plain }
        let cell = mvwinch(window, Int32(y), Int32(x))
        return Theme.Presentation(
            bold: cell & nc_A_BOLD() != 0, reverse: cell & nc_A_REVERSE() != 0,
            underline: cell & nc_A_UNDERLINE() != 0, dim: cell & nc_A_DIM() != 0)
    }
}
