import DMFPolicy

/// A file or folder path as a person types (or drags) it into a screen, made into the path meant.
public enum PathInput {
    /// The path meant by `typed`:
    ///
    /// - surrounding blanks are dropped (a dragged file usually arrives with a trailing space);
    /// - one pair of matching surrounding quotes is dropped, `'…'` or `"…"`, which terminals add
    ///   when a file is dragged in; inside single quotes, the shell's `'\''` for an apostrophe
    ///   becomes `'` again;
    /// - `~` and `~/…` start at `home` (the caller passes `HOME`); with no home they stay as typed.
    ///
    /// `~user` is left as typed: looking users up needs the system's user database, which a
    /// statically linked binary cannot always load, and the wizard only ever writes to its own
    /// user's files. The file's own check then says plainly that such a path does not exist.
    public static func expand(_ typed: String, home: String?) -> String {
        var path = typed.trimmed
        if path.count >= 2, let first = path.first, first == "'" || first == "\"", path.last == first {
            path = String(path.dropFirst().dropLast())
            if first == "'" { path = path.replacing("'\\''", with: "'") }
        }
        guard path == "~" || path.hasPrefix("~/"), let home, !home.isEmpty else { return path }
        var base = home
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        if path == "~" { return base }
        let rest = path.dropFirst(2)
        return base == "/" ? "/" + rest : base + "/" + rest
    }
}
