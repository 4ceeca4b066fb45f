/// One column of a `Canvas`.
///
/// A wide grapheme sits in its first cell; the cell to its right is marked as a continuation so
/// that every row always accounts for exactly `width` columns.
public struct Cell: Equatable, Sendable {
    /// The grapheme drawn here (a space for blank and continuation cells).
    public var grapheme: Character
    public var style: Style
    /// True for the right half of a wide grapheme; backends skip these cells.
    public var isContinuation: Bool

    public init(grapheme: Character = " ", style: Style = .normal, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An empty, plainly styled cell.
    public static let blank = Cell()
}
