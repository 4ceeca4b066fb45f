/// Maps each semantic `Style` to presentation hints a backend can render.
///
/// Hints are attributes (bold, reverse, underline, dim) plus optional colour names. Every theme
/// gives `.selected` a non-colour cue (reverse video), so selection never depends on colour alone.
public struct Theme: Sendable, Hashable {
    /// The eight basic terminal colours, by name; backends map them to their own numbers.
    public enum Colour: String, Sendable, Hashable, CaseIterable {
        case black, red, green, yellow, blue, magenta, cyan, white
    }

    /// How one style should look.
    public struct Presentation: Sendable, Hashable {
        public var bold: Bool
        public var reverse: Bool
        public var underline: Bool
        public var dim: Bool
        /// Foreground colour; nil keeps the terminal's default.
        public var foreground: Colour?
        /// Background colour; nil keeps the terminal's default.
        public var background: Colour?

        public init(
            bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false,
            foreground: Colour? = nil, background: Colour? = nil
        ) {
            self.bold = bold
            self.reverse = reverse
            self.underline = underline
            self.dim = dim
            self.foreground = foreground
            self.background = background
        }

        /// Plain text: no attributes, default colours.
        public static let plain = Presentation()

        /// Whether the presentation can be told apart from plain text without colour.
        public var hasNonColourCue: Bool { bold || reverse || underline || dim }
    }

    /// A short name for diagnostics and settings ("colour", "monochrome", "high-contrast").
    public let name: String
    /// Whether a backend should set up colour pairs for this theme at all.
    public let usesColour: Bool
    /// Indexed by `Style.rawValue`.
    private let presentations: [Presentation]

    /// Builds a theme; styles missing from `presentations` render as plain text.
    public init(name: String, usesColour: Bool, presentations: KeyValuePairs<Style, Presentation>) {
        self.name = name
        self.usesColour = usesColour
        var table = [Presentation](repeating: .plain, count: Style.allCases.count)
        for (style, look) in presentations { table[style.rawValue] = look }
        self.presentations = table
    }

    /// The presentation for `style`.
    public subscript(style: Style) -> Presentation {
        presentations[style.rawValue]
    }

    /// Colour on top of attributes that already carry the meaning on their own.
    public static let colour = Theme(
        name: "colour", usesColour: true,
        presentations: [
            .title: .init(bold: true, foreground: .cyan),
            .border: .init(foreground: .cyan),
            .heading: .init(bold: true),
            .selected: .init(bold: true, reverse: true, foreground: .cyan),
            .accent: .init(bold: true, foreground: .cyan),
            .dim: .init(dim: true),
            .warning: .init(bold: true, foreground: .yellow),
            .danger: .init(bold: true, foreground: .red),
            .success: .init(bold: true, foreground: .green),
            .hint: .init(dim: true),
            .input: .init(underline: true),
            .error: .init(bold: true, foreground: .red),
            .banner: .init(bold: true, reverse: true, foreground: .blue),
        ])

    /// Attributes only, for terminals without colour or when NO_COLOR is set.
    public static let monochrome = Theme(
        name: "monochrome", usesColour: false,
        presentations: [
            .title: .init(bold: true),
            .heading: .init(bold: true),
            .selected: .init(reverse: true),
            .accent: .init(bold: true),
            .dim: .init(dim: true),
            .warning: .init(bold: true),
            .danger: .init(bold: true, underline: true),
            .success: .init(bold: true),
            .hint: .init(dim: true),
            .input: .init(underline: true),
            .error: .init(bold: true, underline: true),
            .banner: .init(reverse: true),
        ])

    /// For projectors: strong bold/reverse contrast, no dim text and no colour dependence.
    ///
    /// Dim text washes out on projectors, so hints and dim text stay at full intensity.
    public static let highContrast = Theme(
        name: "high-contrast", usesColour: false,
        presentations: [
            .title: .init(bold: true),
            .border: .init(bold: true),
            .heading: .init(bold: true, underline: true),
            .selected: .init(bold: true, reverse: true),
            .accent: .init(bold: true),
            .warning: .init(bold: true, reverse: true),
            .danger: .init(bold: true, reverse: true),
            .success: .init(bold: true),
            .input: .init(bold: true, underline: true),
            .error: .init(bold: true, reverse: true),
            .banner: .init(bold: true, reverse: true),
        ])
}
