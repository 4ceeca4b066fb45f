import Foundation

/// Plain-ASCII stand-ins for the few non-ASCII characters the screens use, and for letters with
/// accents in what people typed, for terminals whose locale is not UTF-8 (where curses would
/// otherwise drop them or print garbage).
enum AsciiFallback {
    static let table: [Character: Character] = [
        "·": "-", "—": "-", "–": "-", "…": ".", "↑": "^", "↓": "v", "←": "<", "→": ">", "×": "x",
        "•": "*", "✓": "v", "£": "L", "‘": "'", "’": "'", "“": "\"", "”": "\"",
    ]

    static func character(_ character: Character) -> Character {
        if character.isASCII { return character }
        if let replacement = table[character] { return replacement }
        let folded = String(character).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        if folded.count == 1, let only = folded.first, only.isASCII { return only }
        return "?"
    }
}
