import DMFDocuments
import Foundation

/// The form's files in the formats asked for, ready for `SafeFile.writeAll`: rendered text, or
/// for PDF the HTML printed by the browser (found only when a PDF is asked for, so the other
/// formats never wait for a search of `PATH`).
enum FormFiles {
    /// - Parameters:
    ///   - base: the path without its extension (`forms/DMF-20261129-7K3Q`).
    ///   - cancellation: stops the work, a PDF being printed included (nothing is written here).
    static func contents(
        _ form: FilledDMF, formats: [OutputFormat], base: String,
        printer: () -> (any FormPrinter)? = { PDFPrinter.find() }, cancellation: Cancellation = Cancellation()
    ) throws(WriteError) -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        for format in formats {
            let bytes = try bytes(form, format: format, printer: printer, cancellation: cancellation)
            files.append(("\(base).\(format.fileExtension)", bytes))
        }
        return files
    }

    static func bytes(
        _ form: FilledDMF, format: OutputFormat, printer: () -> (any FormPrinter)?,
        cancellation: Cancellation = Cancellation()
    ) throws(WriteError) -> [UInt8] {
        guard format.isPrinted else { return Array(format.render(form).utf8) }
        do throws(PrintError) {
            guard let printer = printer() else { throw PrintError.noBrowser }
            return try printer.pdf(fromHTML: format.render(form), cancellation: cancellation)
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .cannotPrint(error.description)
        }
    }
}
