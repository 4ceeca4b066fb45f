import DMFDocuments
import Foundation

/// The form's files in the formats asked for, ready for `SafeFile.writeAll`: rendered text, or
/// for PDF the HTML printed by the browser (found only when a PDF is asked for, so the other
/// formats never wait for a search of `PATH`).
enum FormFiles {
    /// - Parameter base: the path without its extension (`forms/DMF-20261129-7K3Q`).
    static func contents(
        _ form: FilledDMF, formats: [OutputFormat], base: String, printer: () -> PDFPrinter? = { PDFPrinter.find() }
    ) throws(WriteError) -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        for format in formats {
            files.append(("\(base).\(format.fileExtension)", try bytes(form, format: format, printer: printer)))
        }
        return files
    }

    static func bytes(_ form: FilledDMF, format: OutputFormat, printer: () -> PDFPrinter?) throws(WriteError) -> [UInt8]
    {
        guard format.isPrinted else { return Array(format.render(form).utf8) }
        do throws(PrintError) {
            guard let printer = printer() else { throw PrintError.noBrowser }
            return try printer.pdf(fromHTML: format.render(form))
        } catch {
            throw .cannotPrint(error.description)
        }
    }
}
