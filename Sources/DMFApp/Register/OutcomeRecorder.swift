import DMFDocuments
import DMFPolicy
import DMFRegister
import Foundation

/// Records a finished assessment: picks its reference, lets the caller write its documents
/// under that reference, and records the entry with their digests.
struct RegisterRecorder {
    let register: Register

    struct Outcome {
        var entry: RegisterEntry
        var isNew: Bool

        var message: String {
            isNew
                ? "Recorded in the register as \(entry.reference)."
                : "Already in the register as \(entry.reference) (the same answers); nothing new was recorded."
        }
    }

    /// - Parameters:
    ///   - reference: a reference to use as given (`register add --reference`), else one is picked.
    ///   - documents: writes (or reads) the documents for the form with the chosen reference and
    ///     returns their digests; called again only if another desk took the reference meanwhile,
    ///     and then it removes the files it wrote under the reference it lost.
    func record(
        _ answers: Answers, producedAt: String, reference: String?,
        documents: (FilledDMF) throws -> [FileDigest]
    ) throws(RegisterError) -> Outcome {
        for _ in 0..<3 {
            let draft = try build(answers, producedAt: producedAt, reference: reference)
            let chosen: String
            if let reference {
                chosen = reference
            } else {
                chosen = try register.reference(
                    for: answers.fingerprint, candidates: RegisterEntryBuilder.candidates(draft, answers: answers))
            }
            let dmf = chosen == draft.reference ? draft : try build(answers, producedAt: producedAt, reference: chosen)
            let digests: [FileDigest]
            do { digests = try documents(dmf) } catch {
                throw .failed(location: register.location, reason: "the documents could not be written: \(error)")
            }
            let entry = RegisterEntryBuilder.entry(dmf, answers: answers, recordedAt: producedAt, documents: digests)
            do {
                switch try register.record(entry, by: RegisterEntryBuilder.recorder(answers)) {
                case .added(let entry): return Outcome(entry: entry, isNew: true)
                case .alreadyRecorded(let entry): return Outcome(entry: entry, isNew: false)
                }
            } catch .referenceTaken where reference == nil {
                // Another desk took it between the choice and the write: choose again.
                continue
            }
        }
        throw .failed(location: register.location, reason: "no free reference could be recorded; try again")
    }

    /// The command that records saved files later, once the register can be used: the
    /// reference the files carry and each file's digest, so the entry matches the files.
    static func laterCommand(answers: String, reference: String, documents: [String]) -> String {
        let files = documents.map { " --document " + shellQuoted($0) }.joined()
        return "dmf-wizard register add \(shellQuoted(answers)) --reference \(reference)\(files)"
    }

    /// `'…'` for a POSIX shell, a `'` inside written as `'\''`.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func build(_ answers: Answers, producedAt: String, reference: String?) throws(RegisterError) -> FilledDMF {
        do {
            return try DMFBuilder.build(answers, context: .init(producedAt: producedAt, reference: reference))
        } catch {
            let missing = error.missing.joined(separator: ", ")
            throw .failed(location: register.location, reason: "the answers are incomplete (\(missing))")
        }
    }
}
