import TerminalUI

/// The footer under the frame: the hints of the keys the screen on show takes, most important
/// first. Every hint is shown whole: when they do not fit on one line they wrap onto a second
/// (or more), breaking only between hints, and the frame above gives up the rows they need.
enum Footer {
    static let separator = " · "

    /// The hints packed into lines no wider than `width` columns, in order. A hint wider than a
    /// whole line (none is, at the minimum width) is wrapped at its spaces.
    static func lines(_ hints: [String], width: Int, widthFunction: @escaping DisplayWidth) -> [String] {
        var lines: [String] = []
        var line = ""
        for hint in hints {
            let candidate = line.isEmpty ? hint : line + separator + hint
            if displayColumns(of: candidate, widthFunction) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            let pieces = wrap(hint, width: width, widthFunction: widthFunction)
            lines += pieces.dropLast()
            line = pieces.last ?? ""
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
