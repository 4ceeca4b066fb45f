import CNcursesw
import TerminalUI

/// The curses attributes and colour pair for each `Style` under one theme.
struct StyleAttributes {
    struct Entry {
        var attributes: attr_t
        var pair: Int16
    }

    /// Indexed by `Style.rawValue`, in `Style.allCases` order.
    private var entries: [Entry] = []

    /// Builds the table; with `colour`, also defines one colour pair per style that names a
    /// colour. Must run after `start_color()`.
    init(theme: Theme, colour: Bool, defaultColours: Bool) {
        var nextPair: Int16 = 1
        for style in Style.allCases {
            let look = theme[style]
            var attributes = nc_A_NORMAL()
            if look.bold { attributes |= nc_A_BOLD() }
            if look.reverse { attributes |= nc_A_REVERSE() }
            if look.underline { attributes |= nc_A_UNDERLINE() }
            if look.dim { attributes |= nc_A_DIM() }
            var pair: Int16 = 0
            if colour, look.foreground != nil || look.background != nil {
                // -1 keeps the user's own colour; without use_default_colors fall back to white on black.
                let fallbackForeground = defaultColours ? -1 : Int16(COLOR_WHITE)
                let fallbackBackground = defaultColours ? -1 : Int16(COLOR_BLACK)
                let foreground = look.foreground.map(Self.cursesColour) ?? fallbackForeground
                let background = look.background.map(Self.cursesColour) ?? fallbackBackground
                if init_pair(nextPair, foreground, background) != ERR {
                    pair = nextPair
                    nextPair += 1
                }
            }
            entries.append(Entry(attributes: attributes, pair: pair))
        }
    }

    subscript(style: Style) -> Entry {
        entries[style.rawValue]
    }

    static func cursesColour(_ colour: Theme.Colour) -> Int16 {
        switch colour {
        case .black: Int16(COLOR_BLACK)
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        }
    }
}
