import DMFAnswers
import DMFFlow
import DMFPolicy
import Foundation

/// A prepared case for trainees: a story, the model answers and the debrief.
public struct TrainingCase: Sendable, Equatable {
    public var id: String
    public var notes: TrainingNotes
    public var answers: Answers
}

/// The training cases in `assets/training/`, files a trainer can edit or add to.
public enum TrainingLibrary {
    /// Loads every `*.yaml` case in the folder, in file-name order.
    /// - Returns: the cases, and one message per file that could not be used.
    public static func load(folder: String) -> (cases: [TrainingCase], problems: [String]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var cases: [TrainingCase] = []
        var problems: [String] = []
        for name in names {
            do {
                let document = try AnswersParser.load(path: folder + "/" + name, mode: .complete)
                guard let notes = document.training else {
                    problems.append("\(name): not a training case (it has no `training:` section)")
                    continue
                }
                let id = String(name.prefix { $0 != "." })
                cases.append(TrainingCase(id: id, notes: notes, answers: document.answers))
            } catch {
                problems.append(error.description)
            }
        }
        return (cases, problems)
    }

    /// The cases from the assets folder.
    public static func standard() throws(AssetsNotFound) -> (cases: [TrainingCase], problems: [String]) {
        load(folder: try AssetLocator.folder() + "/training")
    }
}

/// A trainee's prediction for one case, and how it compares with the wizard's outcome.
public struct TrainingResult: Sendable, Equatable {
    public var caseID: String
    public var title: String
    public var predictedVerdict: Verdict
    public var actualVerdict: Verdict
    /// Rules whose actions the trainee picked.
    public var picked: Set<RuleID>
    /// Rules that gave a blocker, referral or action for the trainee's answers.
    public var needed: Set<RuleID>

    public var verdictCorrect: Bool { predictedVerdict == actualVerdict }
    public var missed: [RuleID] { RuleID.allCases.filter { needed.contains($0) && !picked.contains($0) } }
    public var unnecessary: [RuleID] { RuleID.allCases.filter { picked.contains($0) && !needed.contains($0) } }
    public var matched: [RuleID] { RuleID.allCases.filter { picked.contains($0) && needed.contains($0) } }

    /// Out of 10: half for the verdict, half for the actions (matched over all that were either
    /// picked or needed, so both misses and extras cost).
    public var score: Int {
        let union = picked.union(needed).count
        let actions = union == 0 ? 1.0 : Double(matched.count) / Double(union)
        return Int(((verdictCorrect ? 5.0 : 0.0) + 5.0 * actions).rounded())
    }

    public init(
        trainingCase: TrainingCase, answers: Answers, decision: Decision, predicted: Verdict, picked: Set<RuleID>
    ) {
        caseID = trainingCase.id
        title = trainingCase.notes.title
        predictedVerdict = predicted
        actualVerdict = decision.verdict
        self.picked = picked
        needed = Set(decision.findings.filter { $0.kind <= .action }.map(\.rule))
    }

    /// The comparison in words: verdicts side by side, each difference explained.
    public func explanation(decision: Decision, trainingCase: TrainingCase, answers: Answers, flow: Flow) -> [String] {
        var lines = [
            "Your prediction: \(predictedVerdict.label) · The wizard: \(actualVerdict.label)",
            verdictCorrect
                ? "Verdict: right." : "Verdict: different. \(Self.headline(actualVerdict, decision: decision))",
            "",
        ]
        for rule in matched { lines.append("Right: \(rule.title) [\(rule.rawValue)]") }
        for rule in missed {
            let why = decision.findings.first { $0.rule == rule && $0.kind <= .action }?.text ?? ""
            lines.append("Missed: \(rule.title) [\(rule.rawValue)]. \(why)")
        }
        for rule in unnecessary {
            lines.append(
                """
                Not needed here: \(rule.title) [\(rule.rawValue)]. Nothing in these answers makes this rule ask \
                for an action.
                """
            )
        }
        let differences = flow.questions.compactMap { question -> String? in
            let yours = question.displayAnswer(in: answers), model = question.displayAnswer(in: trainingCase.answers)
            guard case .choice = question.kind, yours != model else { return nil }
            return "\(question.code) \(question.prompt) You: \(yours ?? "not answered"); "
                + "the case: \(model ?? "not answered")."
        }
        if !differences.isEmpty {
            lines += ["", "Where your answers differ from the case's:"] + differences
        }
        lines += ["", "Debrief:"] + TrainingNotes.paragraphs(trainingCase.notes.debrief)
        lines.append("Score for this case: \(score) out of 10.")
        return lines
    }

    /// The verdict's headline; a referral names who must be asked, since no list follows it here.
    static func headline(_ verdict: Verdict, decision: Decision) -> String {
        guard verdict == .refer else { return verdict.headline }
        var who: [String] = []
        for finding in decision.findings where finding.kind == .refer && !who.contains(finding.who.label) {
            who.append(finding.who.label)
        }
        let whom = who.isEmpty ? "the Information Asset Owner" : who.joined(separator: ", ")
        return "Not decided yet: ask \(whom) before going further."
    }

    /// Verdicts in the order a trainee weighs them, mildest first (numbered so in both front ends).
    public static let predictionOrder: [Verdict] = [.proceed, .conditions, .refer, .blocked]

    /// The rules a trainee can pick actions from: every rule that can ask for something.
    public static let pickableRules: [RuleID] = RuleID.allCases.filter(\.canAskForAction)
}

extension TrainingNotes {
    /// A story or debrief as paragraphs: the file's line breaks inside a paragraph are only
    /// there to keep the YAML readable, so they are joined; blank lines separate paragraphs.
    public static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .split(whereSeparator: { $0.allSatisfy(\.isWhitespace) })
            .map { $0.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
    }
}
