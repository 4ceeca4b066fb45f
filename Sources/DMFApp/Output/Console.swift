import DMFPolicy
import Foundation
import Synchronization

/// The one way this program prints to standard output and standard error. Lines often quote a
/// file, a path or a typed value, so everything goes through `Sanitizer`: no escape sequence
/// from a file can retitle the terminal, write the clipboard or clear the screen, and no
/// invisible character can hide or reorder what is shown.
///
/// Every write is checked. A form sent to a full disk (`> /dev/full`) must not end with exit 0
/// as if it had been written, so the first failure is kept, later writes to that stream are
/// skipped, and `exitStatus` turns it into a message and exit 1 when the command ends. A reader
/// that stopped early (`| head`) is no failure: that ends quietly with the command's own status.
public enum Console {
    /// Prints `text` as it is, cleaned; it should end with a newline.
    public static func out(_ text: String) { send(Sanitizer.clean(text, keepNewlines: true), to: STDOUT_FILENO) }

    /// Prints `dmf-wizard: text` on standard error.
    public static func error(_ text: String) { errorText("dmf-wizard: \(text)\n") }

    /// Prints `text` on standard error, cleaned, as it is (for messages already prefixed).
    public static func errorText(_ text: String) {
        send(Sanitizer.clean(text, keepNewlines: true), to: STDERR_FILENO)
    }

    /// Writes bytes to standard output as they are: a PDF sent down a pipe, never to a terminal.
    public static func outBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { send($0, to: STDOUT_FILENO) }
    }

    /// Writes `text` to standard error without cleaning: a progress bar's carriage returns.
    /// Only for text this program made itself.
    public static func errorUncleaned(_ text: String) { send(text, to: STDERR_FILENO) }

    /// Makes a reader that went away (a closed pipe) a failed write that `exitStatus` handles,
    /// rather than SIGPIPE ending the process wherever it happens to be, perhaps half way
    /// through writing a set of files. Call first thing. Children get the default back
    /// (`CleanSpawnAttributes`).
    public static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    /// The status to exit with once the command is done: `status`, or 1 when a write to
    /// standard output or error failed, after saying so on standard error (if that still
    /// works). A closed pipe (EPIPE) is not a failure: the reader had what it wanted.
    public static func exitStatus(_ status: Int32) -> Int32 {
        let output = outputFailure.load(ordering: .relaxed)
        let error = errorFailure.load(ordering: .relaxed)
        let outputFailed = output != 0 && output != EPIPE
        let errorFailed = error != 0 && error != EPIPE
        guard outputFailed || errorFailed else { return status }
        if outputFailed {
            Self.error(
                "cannot write to standard output: \(String(cString: strerror(output))); the output is incomplete")
        }
        return 1
    }

    /// The first error of each stream (0: none yet).
    private static let outputFailure = Atomic<Int32>(0)
    private static let errorFailure = Atomic<Int32>(0)

    private static func send(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { send(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    private static func send(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        let failed =
            descriptor == STDOUT_FILENO ? outputFailure.load(ordering: .relaxed) : errorFailure.load(ordering: .relaxed)
        guard failed == 0, let start = bytes.baseAddress, !bytes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, start + offset, bytes.count - offset)
            if written > 0 {
                offset += written
                continue
            }
            if written < 0, errno == EINTR { continue }
            let number = written < 0 ? errno : EIO
            if descriptor == STDOUT_FILENO {
                outputFailure.store(number, ordering: .relaxed)
            } else {
                errorFailure.store(number, ordering: .relaxed)
            }
            return
        }
    }
}
