/// Word-wraps `text` into lines no wider than `width` columns.
///
/// Existing newlines start new lines (empty lines are kept). Runs of spaces between words collapse
/// to one space. A word longer than `width` is broken across lines; a wide character is never
/// split. A `width` below 1 is treated as 1.
public func wrap(_ text: String, width: Int, widthFunction: DisplayWidth = DisplayWidths.approximate) -> [String] {
    let width = max(1, width)
    var result: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ") {
            var word = Substring(word)
            var wordWidth = displayColumns(of: word, widthFunction)
            if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
                // The concrete Substring overload: `" " + word` goes through the generic
                // append, whose first use looks up a conformance at run time.
                line.append(" ")
                line.append(contentsOf: word)
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 {
                result.append(line)
                line = ""
                lineWidth = 0
            }
            // Hard-break a word that cannot fit on a line of its own.
            while wordWidth > width {
                var piece = ""
                var pieceWidth = 0
                var rest = word
                while let first = rest.first {
                    let w = widthFunction(first)
                    if pieceWidth + w > width, pieceWidth > 0 { break }
                    piece.append(first)
                    pieceWidth += w
                    rest.removeFirst()
                }
                result.append(piece)
                word = rest
                wordWidth = displayColumns(of: word, widthFunction)
            }
            line = String(word)
            lineWidth = wordWidth
        }
        result.append(line)
    }
    return result
}

/// The total columns of `text` under `widthFunction`.
public func displayColumns<S: StringProtocol>(of text: S, _ widthFunction: DisplayWidth = DisplayWidths.approximate)
    -> Int
{
    text.reduce(0) { $0 + max(0, widthFunction($1)) }
}
