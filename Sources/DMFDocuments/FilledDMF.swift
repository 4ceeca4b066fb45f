import DMFPolicy

/// The protective marking printed at the top and bottom of every output.
public enum ProtectiveMarking: String, Sendable {
    case official = "OFFICIAL"
    case officialSensitive = "OFFICIAL-SENSITIVE"
}

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
    /// Sections before the recipients table, then after it, in the order the form prints them.
    public var sectionsBeforeRecipients: [DMFSection]
    public var recipients: [DMFRecipientRow]
    public var sectionsAfterRecipients: [DMFSection]
    /// The authorisation block: IAO name and decision (signature and date lines are printed blank).
    public var authorisation: DMFSection

    public var verdict: Verdict { decision.verdict }

    public static let title = "Data Movement Form (DMF)"
    public static let trainingBanner = "TRAINING — not a real transfer"
    public static let policyLine = "\(PolicyInfo.source), dated \(PolicyInfo.dated); rule set \(PolicyInfo.rulesVersion)"
}
