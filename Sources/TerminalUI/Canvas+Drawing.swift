extension Canvas {
    /// Writes `text` starting at column `x` of row `y` and returns the columns used.
    ///
    /// Text is clipped at the right edge and at `maxWidth`. A wide grapheme that would not fit
    /// entirely is replaced by a space rather than split. Zero-width graphemes are dropped, and
    /// so are control and invisible format characters inside a grapheme (an escape sequence or a
    /// bidirectional override typed or read from a file must not reach the terminal).
    /// Newlines are not interpreted; use `wrap` first.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        var limit = width
        if let maxWidth { limit = min(limit, x + max(0, maxWidth)) }
        var column = x
        for character in Self.visibleText(text) {
            guard column < limit else { break }
            let columns = widthFunction(character)
            if columns <= 0 { continue }
            if column + columns > limit {
                // It does not fit: pad what is left instead of drawing half a character.
                while column < limit {
                    setCell(x: column, y: y, Cell(grapheme: " ", style: style))
                    column += 1
                }
                break
            }
            if column < 0 {
                // Clipped on the left; a wide character straddling column 0 leaves a space.
                for c in 0..<max(0, column + columns) {
                    setCell(x: c, y: y, Cell(grapheme: " ", style: style))
                }
            } else {
                setCell(x: column, y: y, Cell(grapheme: character, style: style))
                for c in (column + 1)..<(column + columns) {
                    setCell(x: c, y: y, Cell(grapheme: " ", style: style, isContinuation: true))
                }
            }
            column += columns
        }
        return max(0, column - max(x, 0))
    }

    /// Blanks a whole row and gives it `style`, e.g. for a title bar.
    public mutating func fill(row: Int, style: Style) {
        fill(x: 0, y: row, width: width, height: 1, style: style)
    }

    /// Blanks a rectangle and gives it `style`.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, style: Style) {
        for row in max(0, y)..<max(max(0, y), min(self.height, y + height)) {
            for column in max(0, x)..<max(max(0, x), min(self.width, x + width)) {
                setCell(x: column, y: row, Cell(grapheme: " ", style: style))
            }
        }
    }

    /// Draws a horizontal rule. With `tees`, the ends join the sides of an enclosing box (├──┤).
    public mutating func hline(
        x: Int, y: Int, width: Int, style: Style = .border, charset: BoxCharset = .unicode, tees: Bool = false
    ) {
        guard width > 0 else { return }
        var rule = String(repeating: charset.horizontal, count: width)
        if tees, width >= 2 {
            rule =
                String(charset.teeLeft) + String(repeating: charset.horizontal, count: width - 2)
                + String(charset.teeRight)
        }
        put(rule, x: x, y: y, style: style)
    }

    /// Draws a box outline, with an optional title set into the top border (`┌─ Title ───┐`).
    ///
    /// The inside is left untouched. Boxes smaller than 2×2 draw nothing. The title is clipped
    /// so that the corners always survive.
    public mutating func box(
        x: Int, y: Int, width: Int, height: Int, style: Style = .border, title: String? = nil,
        charset: BoxCharset = .unicode
    ) {
        guard width >= 2, height >= 2 else { return }
        let inner = width - 2
        let middle = String(repeating: charset.horizontal, count: inner)
        put(String(charset.topLeft) + middle + String(charset.topRight), x: x, y: y, style: style)
        for row in (y + 1)..<(y + height - 1) {
            put(String(charset.vertical), x: x, y: row, style: style)
            put(String(charset.vertical), x: x + width - 1, y: row, style: style)
        }
        put(String(charset.bottomLeft) + middle + String(charset.bottomRight), x: x, y: y + height - 1, style: style)
        if let title, !title.isEmpty, inner >= 4 {
            // One rule character and a space on each side keep the title readable as a title.
            put(" " + title + " ", x: x + 2, y: y, style: .title, maxWidth: inner - 2)
        }
    }

    /// The text without control and format scalars. Printable ASCII, nearly everything drawn,
    /// is returned as it is without looking further.
    static func visibleText(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        func hidden(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            // The frame, markers and Latin text every screen draws are decided without looking
            // up Unicode's tables (which would page them in before the first screen).
            if value < 0xA0 { return value < 0x20 || value >= 0x7F }
            if value < 0x600 { return value == 0xAD }
            if (0x2190...0x25FF).contains(value) { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
        guard text.unicodeScalars.contains(where: hidden) else { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !hidden(scalar) { kept.append(scalar) }
        return String(kept)
    }
}
