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
///
/// The score is out of 10, and every point is accounted for: 5 for the verdict, and 5 for the
/// actions, less one for each action the checklist asks for that was not ticked and each tick
/// for something the outcome does not list at all (never below 0). A tick for anything the real
/// outcome lists is never wrong: one for an item the checklist lists as good to know or to
/// consider, or one whose finding is among the reasons, costs nothing.
public struct TrainingResult: Sendable, Equatable {
    public var caseID: String
    public var title: String
    public var predictedVerdict: Verdict
    public var actualVerdict: Verdict
    /// Rules whose actions the trainee picked.
    public var picked: Set<RuleID>
    /// Rules whose checklist item asks for something to be done for the trainee's answers: what
    /// must change, whom to ask, what to do before sending or after the transfer.
    public var needed: Set<RuleID>
    /// Every rule the outcome lists, in its checklist or among its reasons: ticking one of these
    /// is never wrong.
    public var listed: Set<RuleID>

    public static let verdictPoints = 5
    public static let actionPoints = 5

    public var verdictCorrect: Bool { predictedVerdict == actualVerdict }
    public var missed: [RuleID] { RuleID.allCases.filter { needed.contains($0) && !picked.contains($0) } }
    /// Ticks for what the outcome does not list at all.
    public var unnecessary: [RuleID] { RuleID.allCases.filter { picked.contains($0) && !listed.contains($0) } }
    public var matched: [RuleID] { RuleID.allCases.filter { picked.contains($0) && needed.contains($0) } }
    /// Ticks for what the outcome lists without asking for it to be done: no point gained or lost.
    public var alsoListed: [RuleID] {
        RuleID.allCases.filter { picked.contains($0) && listed.contains($0) && !needed.contains($0) }
    }

    public var verdictScore: Int { verdictCorrect ? Self.verdictPoints : 0 }
    public var actionsScore: Int { max(0, Self.actionPoints - missed.count - unnecessary.count) }
    public var score: Int { verdictScore + actionsScore }

    public init(
        trainingCase: TrainingCase, answers: Answers, decision: Decision, predicted: Verdict, picked: Set<RuleID>
    ) {
        caseID = trainingCase.id
        title = trainingCase.notes.title
        predictedVerdict = predicted
        actualVerdict = decision.verdict
        self.picked = picked
        needed = Set(decision.checklist.filter { $0.kind <= .action }.map(\.rule))
        listed = Set(decision.findings.map(\.rule))
    }

    /// The comparison in words: verdicts side by side, each tick and each miss explained, where
    /// the answers differ from the case's, the debrief, then the score point by point.
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
        for rule in alsoListed {
            let item = decision.checklist.first { $0.rule == rule }
            let place = item.map { "under \"\($0.group.label)\"" } ?? "among the reasons"
            lines.append(
                """
                Also on the outcome: \(rule.title) [\(rule.rawValue)]. The outcome lists it \(place), though not as \
                something to do, so ticking it is not wrong.
                """
            )
        }
        for rule in unnecessary {
            lines.append(
                """
                Not needed here: \(rule.title) [\(rule.rawValue)]. Nothing in these answers makes this rule ask \
                for anything, so the outcome does not list it.
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
        lines += ["", "Debrief:"] + TrainingNotes.paragraphs(trainingCase.notes.debrief) + [""]
        return lines + scoreLines
    }

    /// The score, every point gained or lost, for the comparison and the score sheet.
    public var scoreLines: [String] {
        let verdict =
            verdictCorrect
            ? "right (\(actualVerdict.label))"
            : "you predicted \(predictedVerdict.label), the wizard said \(actualVerdict.label)"
        var lines = [
            "Score for this case: \(score) out of 10.",
            "- Verdict: \(verdictScore) of \(Self.verdictPoints): \(verdict).",
        ]
        let deductions =
            missed.map { "less 1: missed \($0.title) [\($0.rawValue)]" }
            + unnecessary.map { "less 1: ticked \($0.title) [\($0.rawValue)], which the outcome does not list" }
        if deductions.isEmpty {
            lines.append(
                "- Actions: \(actionsScore) of \(Self.actionPoints): every action needed ticked, and no tick for "
                    + "anything the outcome does not list.")
        } else {
            let floor = deductions.count > Self.actionPoints ? " (never below 0)" : ""
            lines.append(
                "- Actions: \(actionsScore) of \(Self.actionPoints): \(Self.actionPoints), less 1 for each of these"
                    + "\(floor):")
            lines += deductions.map { "  - \($0)" }
        }
        lines += matched.map { "  - nothing off: ticked \($0.title) [\($0.rawValue)], which is needed" }
        lines += alsoListed.map {
            "  - nothing off: ticked \($0.title) [\($0.rawValue)], which the outcome lists (never wrong)"
        }
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
