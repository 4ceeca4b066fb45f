import TerminalUI

/// The body of one screen, laid out as wrapped lines and then shown through a window that
/// scrolls. Nothing a screen writes is ever cut off unseen: when the lines do not fit, the
/// window keeps the focused item (the highlighted choice, row or field) in view and says
/// "more above" / "more below" on lines of their own. Messages written with `pinned` stay in
/// view at the bottom whatever the scroll.
public struct Page {
    /// One screen line. `item` groups the lines of one list item, so the whole item is kept in
    /// view when it is focused.
    struct Line {
        var text: String
        var style: Style
        var indent: Int
        var item: Int?
        /// A text field: drawn in brackets with the real cursor in it.
        var field: Field?
    }

    struct Field {
        var visible: String
        var cursorColumn: Int
        var width: Int
        var focused: Bool
    }

    let width: Int
    let widthFunction: DisplayWidth
    private(set) var lines: [Line] = []
    private(set) var pinnedLines: [Line] = []
    private(set) var headerLines: [Line] = []
    /// The item to keep in view, if any (nil on screens that scroll freely, such as help).
    var focus: Int?
    /// The item the next lines belong to.
    private var currentItem: Int?

    init(width: Int, widthFunction: @escaping DisplayWidth) {
        self.width = width
        self.widthFunction = widthFunction
    }

    /// Adds `text` wrapped to the page. Leading spaces are kept as indentation; continuation
    /// lines start `hang` columns in, so a list item's wrapped label sits under its text rather
    /// than under its marker.
    mutating func line(_ text: String, style: Style = .normal, indent: Int = 0, hang: Int = 0) {
        lines += wrapped(text, style: style, indent: indent, hang: hang)
    }

    /// One option of a list: its radio marker (never colour alone) and number, with the label
    /// wrapped under its own first word.
    mutating func option(_ label: String, number: Int? = nil, selected: Bool, charset: BoxCharset, item: Int) {
        let prefix = "\(selected ? charset.radioSelected : charset.radioUnselected) " + (number.map { "\($0) " } ?? "")
        let hang = displayColumns(of: prefix, widthFunction)
        self.item(item) { $0.line(prefix + label, style: selected ? .selected : .normal, indent: 1, hang: hang) }
    }

    /// Lines added inside `body` belong to list item `index`.
    mutating func item(_ index: Int, _ body: (inout Page) -> Void) {
        let outer = currentItem
        currentItem = index
        body(&self)
        currentItem = outer
    }

    mutating func gap() { lines.append(Line(text: "", style: .normal, indent: 0, item: currentItem)) }

    /// A one-line text field in brackets, so it shows without colour.
    mutating func field(_ input: TextInput, width: Int, focused: Bool) {
        let fieldWidth = max(4, min(self.width - 4, width))
        let (visible, cursorColumn) = input.visible(width: fieldWidth - 1, widthFunction: widthFunction)
        lines.append(
            Line(
                text: "", style: .input, indent: 0, item: currentItem,
                field: Field(visible: visible, cursorColumn: cursorColumn, width: fieldWidth, focused: focused)))
    }

    /// A line kept in view at the top of the page, above what scrolls (the training banner, the
    /// verdict on the outcome).
    mutating func header(_ text: String, style: Style) {
        headerLines += wrapped(text, style: style, indent: 0, hang: 0)
    }

    /// A message kept in view at the bottom of the page (errors, notices about the last key).
    mutating func pinned(_ text: String, style: Style) {
        pinnedLines += wrapped(text, style: style, indent: 0, hang: 2)
    }

    private func wrapped(_ text: String, style: Style, indent: Int, hang: Int) -> [Line] {
        let leading = text.prefix { $0 == " " }.count
        let indent = indent + leading
        let parts = wrap(
            String(text.dropFirst(leading)), width: max(1, width - max(indent, indent - leading + hang)),
            widthFunction: widthFunction)
        // Continuation lines hang under the text after a marker (`hang` columns from `indent`),
        // or under the first line's own indentation when that is deeper.
        let continuation = indent - leading + max(leading, hang)
        return parts.enumerated().map { index, part in
            Line(text: part, style: style, indent: index == 0 ? indent : continuation, item: currentItem)
        }
    }

    // MARK: - Drawing

    static let moreAbove = "↑ more above"
    static let moreBelow = "↓ more below"

    /// What a drawn page showed, for tests that check nothing is cut off unseen.
    public struct Layout: Equatable, Sendable {
        /// The first line shown.
        public var start = 0
        public var linesAbove = 0
        public var linesBelow = 0
        /// False only when the focused item could not be brought wholly into view.
        public var focusVisible = true
    }

    /// Draws the page into `canvas` between rows `top` and `bottom` (exclusive) from column
    /// `left`, starting at line `scroll` (adjusted to keep the focus in view).
    func draw(into canvas: inout Canvas, left: Int, top: Int, bottom: Int, scroll: Int) -> Layout {
        var y = top
        for line in headerLines where y < bottom { draw(line, into: &canvas, left: left, y: y); y += 1 }
        let pinnedHeight = pinnedLines.isEmpty ? 0 : pinnedLines.count + 1
        let available = max(1, bottom - y - pinnedHeight)
        var start = 0
        var layout = Layout()
        if lines.count <= available {
            for line in lines { draw(line, into: &canvas, left: left, y: y); y += 1 }
        } else {
            // Scrolling: the last line says "more below" (or stays blank at the end); once the
            // page is scrolled, the first says "more above". Markers never cover content.
            func space(from start: Int) -> Int { max(1, start == 0 ? available - 1 : available - 2) }
            start = min(max(0, scroll), lines.count - space(from: 1))
            if let focus, let first = lines.firstIndex(where: { $0.item == focus }),
                let last = lines.lastIndex(where: { $0.item == focus })
            {
                if last < space(from: 0) {
                    start = 0  // the focus fits on the first screen, with what leads up to it
                } else {
                    if first < start { start = first }
                    // Below the window: it comes in at the bottom, with as much as fits above it
                    // (the window never moves past the page's end); one taller than the window
                    // shows its start.
                    if last >= start + space(from: start) { start = min(first, last - space(from: 1) + 1) }
                }
            }
            let space = space(from: start)
            if start > 0 {
                _ = canvas.put(Self.moreAbove, x: left, y: y, style: .dim)
                y += 1
            }
            for line in lines[start..<min(lines.count, start + space)] {
                draw(line, into: &canvas, left: left, y: y); y += 1
            }
            if start + space < lines.count { _ = canvas.put(Self.moreBelow, x: left, y: y, style: .dim) }
            y += 1
            layout.start = start
            layout.linesAbove = start
            layout.linesBelow = max(0, lines.count - start - space)
            if let focus, let first = lines.firstIndex(where: { $0.item == focus }),
                let last = lines.lastIndex(where: { $0.item == focus })
            {
                layout.focusVisible = first >= start && last < start + space
            }
        }
        if !pinnedLines.isEmpty {
            y = max(y + 1, bottom - pinnedLines.count)
            for line in pinnedLines where y < bottom { draw(line, into: &canvas, left: left, y: y); y += 1 }
        }
        return layout
    }

    private func draw(_ line: Line, into canvas: inout Canvas, left: Int, y: Int) {
        guard let field = line.field else {
            _ = canvas.put(line.text, x: left + line.indent, y: y, style: line.style, maxWidth: width - line.indent)
            return
        }
        _ = canvas.put("[", x: left, y: y, style: .dim)
        canvas.fill(x: left + 1, y: y, width: field.width, height: 1, style: .input)
        _ = canvas.put(field.visible, x: left + 1, y: y, style: .input, maxWidth: field.width)
        _ = canvas.put("]", x: left + 1 + field.width, y: y, style: .dim)
        if field.focused { canvas.cursor = (left + 1 + field.cursorColumn, y) }
    }
}
