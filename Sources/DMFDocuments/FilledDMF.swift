import DMFPolicy

/// One line of the form: a label, what the answers say, and the machine value for JSON.
public struct DMFField: Sendable, Equatable {
    /// The JSON key (`snake_case`).
    public var key: String
    public var label: String
    /// The value people read; "Not provided" when the answer was left out.
    public var value: String
    /// The value systems read (a raw answer value or the text); nil when not provided.
    public var raw: String?

    public static let notProvided = "Not provided"
}

/// A titled group of fields, as the paper form would have it.
public struct DMFSection: Sendable, Equatable {
    public var key: String
    public var title: String
    public var fields: [DMFField]
}

/// One recipient row of the form's table.
public struct DMFRecipientRow: Sendable, Equatable {
    public var cells: [DMFField]
    public static let columns = ["Name", "Organisation", "Role", "Mailbox", "Authorised", "Clearance"]
}

/// One block of the sign-off part of the form: who signs or answers, what signing means, and
/// the boxes and lines they fill in by hand.
public struct DMFSignatureBlock: Sendable, Equatable {
    /// The JSON key (`requester_declaration`, `iao_decision`, `answer_1`…).
    public var key: String
    public var title: String
    /// What the person declares, approves or is asked.
    public var statement: String
    /// What the answers already say (the IAO's name), printed rather than left blank.
    public var fields: [DMFField]
    /// Boxes to tick, one of them ("Authorised", "Refused"); empty when there is no choice.
    public var choices: [String]
    /// Lines left blank to write on ("Name", "Signature", "Date").
    public var blanks: [String]

    /// The key of the Information Asset Owner's decision.
    public static let iaoDecisionKey = "iao_decision"
}

/// Where the signatures go, and what the form says there for its verdict.
public struct DMFSignOff: Sendable, Equatable {
    public enum State: String, Sendable {
        /// The route needs a DMF and nothing stops it: the IAO decides and signs.
        case forSignature = "for-signature"
        /// The route needs no DMF: the requester's declaration only.
        case forInformation = "for-information"
        /// REFER: named people answer first; nobody authorises this copy.
        case waitingForAnswers = "waiting-for-answers"
        /// BLOCKED: it must not be authorised; no signature boxes at all.
        case mustNotBeAuthorised = "must-not-be-authorised"
    }

    public var state: State
    /// What the form says above the blocks (or instead of them).
    public var notice: String
    /// For BLOCKED, what has to change; else empty.
    public var mustChange: [String]
    /// What the people signing agree to, repeated on the signature page so that it stands on
    /// its own when printed: the actions before sending and after the transfer. Nil for BLOCKED
    /// and REFER, whose sign-off already lists what has to change or who answers.
    public var conditions: [ChecklistItem]? = nil
    public var blocks: [DMFSignatureBlock]

    public static let title = "Sign-off"

    /// Where the signature page starts among the blocks, or nil when nobody signs (BLOCKED).
    /// The signature page repeats the reference, the verdict and the conditions, and is printed
    /// on one sheet with them, so the sheet the IAO signs says what it authorises. On a form for
    /// signature it is the IAO's decision, after the requester's declaration and the approvals;
    /// on other forms, every block.
    public var signaturePageStart: Int? {
        guard !blocks.isEmpty else { return nil }
        return blocks.firstIndex { $0.key == DMFSignatureBlock.iaoDecisionKey } ?? 0
    }

    /// The signature page's heading: on a REFER form people answer there, and nobody signs.
    public var signaturePageTitle: String { state == .waitingForAnswers ? "Answer page" : "Signature page" }
}

/// Page 1's "What happens next", under the verdict: each action with who does it, then where
/// the Information Asset Owner signs (or why nobody does).
public struct DMFNextSteps: Sendable, Equatable {
    /// The actions the verdict turns on, in checklist order: what must change (BLOCKED), whom to
    /// ask (REFER), else what to do before sending and after the transfer. Advice is left to
    /// the checklist.
    public var actions: [ChecklistItem]
    /// Where the IAO signs, in words.
    public var signing: String

    public static let title = "What happens next"
    public static let signingLabel = "Where the IAO signs"
    public static let nothingToDo = "Nothing has to be done first."

    /// The actions under their checklist headings ("Do before sending", "After the transfer").
    public var groups: [(group: ChecklistGroup, items: [ChecklistItem])] {
        var groups: [(group: ChecklistGroup, items: [ChecklistItem])] = []
        for item in actions {
            if groups.last?.group == item.group {
                groups[groups.count - 1].items.append(item)
            } else {
                groups.append((item.group, [item]))
            }
        }
        return groups
    }
}

/// Where the register stood when a form saved with it was about to be recorded: its name, the
/// number of events and the root hash of their tree. The form is written before its own entry,
/// so this is a lower bound: the register held at least this much then, and every later
/// checkpoint must still contain it. Every paper copy is a witness.
public struct RegisterWitness: Sendable, Equatable {
    /// `dmf-wizard register ID`.
    public var register: String
    public var events: Int
    /// Base64, as a checkpoint writes it.
    public var root: String

    public init(register: String, events: Int, root: String) {
        self.register = register
        self.events = events
        self.root = root
    }

    /// "Register position: dmf-wizard register 3f…, 1,234 events, root hash AbC…= (before this form's entry)".
    public var line: String {
        "Register position: \(register), \(Count.grouped(events)) events, root hash \(root) (before this form's entry)"
    }
}

/// The filled Data Movement Form and checklist: one model, rendered to every format.
///
/// All user text in it has already been through `Sanitizer`; renderers add their format's escaping.
public struct FilledDMF: Sendable, Equatable {
    public var reference: String
    public var marking: ProtectiveMarking
    /// `2026-11-29T02:14:10Z`.
    public var producedAt: String
    public var training: Bool
    /// "Completed by the helpdesk on behalf of …", when a helpdesk agent filled it in.
    public var onBehalfOf: String?
    public var decision: Decision
    public var route: RouteType
    /// Printed under the verdict, so the first page says what happens next.
    public var nextSteps: DMFNextSteps
    /// Sections before the recipients table, then after it, in the order the form prints them.
    public var sectionsBeforeRecipients: [DMFSection]
    public var recipients: [DMFRecipientRow]
    public var sectionsAfterRecipients: [DMFSection]
    /// The authorisation answers: the IAO's name and decision as given.
    public var authorisation: DMFSection
    /// The signatures, approvals and answers to be written on the printed form.
    public var signOff: DMFSignOff
    /// Where the register stood when the form was saved with it; nil for a form saved without one.
    public var registerPosition: RegisterWitness? = nil

    public var verdict: Verdict { decision.verdict }

    public static let title = "Data Movement Form (DMF)"
    public static let trainingBanner = "TRAINING — not a real transfer"
    public static let policyLine =
        "\(PolicyInfo.source), dated \(PolicyInfo.dated); rule set \(PolicyInfo.rulesVersion)"
}
