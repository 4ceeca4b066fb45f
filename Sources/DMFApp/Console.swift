import DMFPolicy
import Foundation

/// The one way this program prints to standard output and standard error. Lines often quote a
/// file, a path or a typed value, so everything goes through `Sanitizer`: no escape sequence
/// from a file can retitle the terminal, write the clipboard or clear the screen, and no
/// invisible character can hide or reorder what is shown.
public enum Console {
    /// Prints `text` as it is, cleaned; it should end with a newline.
    public static func out(_ text: String) { write(text, to: FileHandle.standardOutput) }

    /// Prints `dmf-wizard: text` on standard error.
    public static func error(_ text: String) { write("dmf-wizard: \(text)\n", to: FileHandle.standardError) }

    /// Prints `text` on standard error, cleaned, as it is (for messages already prefixed).
    public static func errorText(_ text: String) { write(text, to: FileHandle.standardError) }

    /// Writes bytes to standard output as they are: a PDF sent down a pipe, never to a terminal.
    public static func outBytes(_ bytes: [UInt8]) { try? FileHandle.standardOutput.write(contentsOf: Data(bytes)) }

    /// A failed write (a terminal that hung up, a full disk) is ignored: there is nobody left
    /// to tell, and the work itself is already saved.
    static func write(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(Sanitizer.clean(text, keepNewlines: true).utf8))
    }
}
