/// Semantic styles for canvas cells.
///
/// Screens say what a piece of text *is*; a `Theme` decides how that looks on a given terminal.
/// Keeping colour numbers out of layout code lets one layout serve colour, monochrome and
/// projector (high-contrast) terminals alike.
///
/// The raw value is the style's position, so per-style tables are plain arrays: hashing an
/// enum key means a run-time conformance lookup on first use, which delays the first screen.
public enum Style: Int, Sendable, Hashable, CaseIterable {
    case normal
    case title
    case border
    case heading
    case selected
    case accent
    case dim
    case warning
    case danger
    case success
    case hint
    case input
    case error
    case banner
}
