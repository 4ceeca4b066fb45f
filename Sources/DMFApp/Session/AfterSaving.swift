import DMFDocuments
import DMFPolicy
import Foundation

/// What to do with the files just saved, fitted to the outcome: a BLOCKED transfer has nothing
/// to send for authorisation, and what blocks it is what to change; a transfer that needs no
/// Data Movement Form has nothing to send; any other goes to the Information Asset Owner, as the
/// PDF when one was saved (named), else as the file best suited. In helpdesk mode it is what the
/// agent tells the caller. Both front ends say it after saving.
public enum AfterSaving {
    /// - Parameters:
    ///   - form: the form saved (its verdict, and what blocks it).
    ///   - paths: the files written.
    public static func lines(_ form: FilledDMF, reference: String, paths: [String], helpdesk: Bool) -> [String] {
        let changes = form.decision.checklist.filter { $0.kind == .blocker }.map { "- " + $0.text }
        if form.verdict == .blocked {
            return [
                helpdesk
                    ? """
                    Tell the caller: the transfer is BLOCKED, so there is nothing to send for authorisation. To go \
                    ahead they must change what blocks it, then answer again:
                    """
                    : """
                    Nothing to send for authorisation: the transfer is BLOCKED. To go ahead, change what blocks it, \
                    then answer again:
                    """
            ] + changes
        }
        if !form.decision.dmfRequired {
            return [
                helpdesk
                    ? """
                    Tell the caller: no Data Movement Form is needed, so there is nothing to send. Their reference \
                    is \(reference).
                    """
                    : "Nothing to send: this transfer needs no Data Movement Form. Keep the files with your records of it."
            ]
        }
        let files = Files(paths)
        guard let request = files.request else {
            guard helpdesk else { return [files.sending + " to your Information Asset Owner to authorise."] }
            return [
                """
                Tell the caller: their reference is \(reference), and the form goes to their Information Asset \
                Owner to authorise. Email them \(files.attached), to pass on.
                """
            ]
        }
        // No shared register: the IAO decides on their own machine from the request file, and the
        // signed decision they send back is recorded here.
        let decideAndImport = """
            they run `dmf-wizard register decide \(request)` and send back \(reference).decision, which is \
            recorded with `dmf-wizard register import \(reference).decision`.
            """
        guard helpdesk else {
            return [
                files.sending + " and the request file, \(request), to your Information Asset Owner to authorise: "
                    + decideAndImport
            ]
        }
        return [
            """
            Tell the caller: their reference is \(reference), and the form goes to their Information Asset Owner \
            to authorise. Email them \(files.attached), and the request file, \(request), to pass on:
            """ + " " + decideAndImport
        ]
    }

    /// The files saved, by the formats people send.
    private struct Files {
        var pdf, html, markdown, text: String?
        /// `REF.request.json`, for an IAO who decides without a shared register.
        var request: String?

        init(_ paths: [String]) {
            func named(_ format: OutputFormat) -> String? {
                paths.first { $0.hasSuffix("." + format.fileExtension) }.map { ($0 as NSString).lastPathComponent }
            }
            pdf = named(.pdf)
            html = named(.html)
            markdown = named(.markdown)
            text = named(.text)
            request = paths.first { $0.hasSuffix(".request.json") }.map { ($0 as NSString).lastPathComponent }
        }

        /// "Send the PDF, DMF-….pdf,", "Print the HTML file, …, or email the Markdown file, …,".
        var sending: String {
            if let pdf { return "Send the PDF, \(pdf)," }
            switch (html, markdown) {
            case (let html?, let markdown?):
                return "Print the HTML file, \(html), or email the Markdown file, \(markdown),"
            case (let html?, nil): return "Print the HTML file, \(html), and give it"
            case (nil, let markdown?): return "Email the Markdown file, \(markdown),"
            case (nil, nil):
                if let text { return "Email the text file, \(text)," }
                return "Save the form again as PDF, HTML or Markdown (JSON is for systems) and send it"
            }
        }

        /// "the PDF, DMF-….pdf", for the caller.
        var attached: String {
            if let pdf { return "the PDF, \(pdf)" }
            let files = [html.map { "the HTML file, \($0)" }, markdown.map { "the Markdown file, \($0)" }]
                .compactMap { $0 }
            if !files.isEmpty { return files.joined(separator: ", and ") }
            if let text { return "the text file, \(text)" }
            return "the form saved again as PDF, HTML or Markdown (JSON is for systems)"
        }
    }
}
