#compdef dmf-wizard

__dmf-wizard_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__dmf-wizard_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __dmf-wizard_complete "${completions[@]:0:-1}"
    fi
}

__dmf-wizard_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_dmf-wizard() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'wizard:Answer the questions step by step (the default).'
            'resume:Continue a saved draft at the step where it stopped (the newest draft if none is named).'
            'fill:Decide from an answers file and print (or write) the verdict, checklist and filled DMF.'
            'train:Training: work prepared cases, predict the outcome, and compare (nothing is saved as a draft).'
            'flow:Print the flow map: every question and outcome, with the conditions between them.'
            'table:Print the decision table: the choice answers that change the outcome, with verdicts and findings.'
            'rules:Print the rule book: every rule with its guidance quotation, when it fires, who acts and its words.'
            'register:The register of assessments: each one'\''s life from authorisation to deletion, in a history no one can quietly rewrite.'
            'seal:Write a manifest of the files to send (name, size, SHA-256) and record them as sent.'
            'verify:Check received files against their manifest and print a receipt.'
            'verify-receipt:Check a receipt and the recipient'\''s signature (FILE.sig) with your allowed signers.'
            'keys:Which key signs for you, whether the allowed signers trust it and for what, or how to set one up.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        wizard|resume|fill|train|flow|table|rules|register|seal|verify|verify-receipt|keys|help)
            "_dmf-wizard_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_dmf-wizard_wizard() {
    local -i ret=1
    local -ar arg_specs=(
        '--plain[Plain, line-by-line questions for screen readers, braille displays and piped input.]'
        '--helpdesk[Helpdesk mode\: record the caller and the agent; read-aloud wording on every question.]'
        '--projector[High-contrast look for a projector\: no colour, bold and reverse only.]'
        '--code[Rebuild the choices from a resume code read out by a caller (e.g. CXD-NCS-K6H-F7Y); only the free-text questions are asked.]:code:'
        '--register[Record saved outcomes in this register (a PostgreSQL connection string such as postgres\://HOST/DB or service=NAME, or a SQLite file). Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_resume() {
    local -i ret=1
    local -ar arg_specs=(
        ':draft:'
        '--list[List the saved drafts (requester, route, description, step) instead of resuming.]'
        '--delete[Delete the named draft from the drafts folder instead of resuming.]:delete:'
        '--plain[Plain, line-by-line questions for screen readers, braille displays and piped input.]'
        '--helpdesk[Helpdesk mode\: record the caller and the agent; read-aloud wording on every question.]'
        '--projector[High-contrast look for a projector\: no colour, bold and reverse only.]'
        '--code[Rebuild the choices from a resume code read out by a caller (e.g. CXD-NCS-K6H-F7Y); only the free-text questions are asked.]:code:'
        '--register[Record saved outcomes in this register (a PostgreSQL connection string such as postgres\://HOST/DB or service=NAME, or a SQLite file). Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_fill() {
    local -i ret=1
    local -ar ___format=('markdown' 'text' 'html' 'json' 'pdf')
    local -ar arg_specs=(
        ':answers:'
        '(--format -f)'{--format,-f}'[Output format\: markdown, text, html, json or pdf (pdf is the HTML printed by Chromium). Default\: the --output file'\''s extension (.md, .txt, .html, .json, .pdf), else markdown.]:format:{__dmf-wizard_complete "${___format[@]}"}'
        '(--output -o)'{--output,-o}'[Write to this file instead of printing.]:output:'
        '--output-dir[Write every format into this folder, named after the DMF reference (PDF when Chromium is installed).]:output-dir:'
        '--force[Replace files that already exist.]'
        '--verdict-exit[Exit with the verdict\: 0 proceed, 3 conditions, 4 refer, 5 blocked.]'
        '--record[Record the assessment in the register, with the SHA-256 of each file written (needs --output or --output-dir). Exit 6 when the files were written but the register could not be used.]'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_train() {
    local -i ret=1
    local -ar arg_specs=(
        '--list[Print the training cases and exit.]'
        '--projector[High-contrast look for a projector.]'
        '--plain[Plain, line-by-line training for screen readers and terminals without full-screen support.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_flow() {
    local -i ret=1
    local -ar ___format=('text' 'dot' 'mermaid')
    local -ar arg_specs=(
        '(--format -f)'{--format,-f}'[text, dot (Graphviz) or mermaid.]:format:{__dmf-wizard_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_table() {
    local -i ret=1
    local -ar ___format=('csv' 'markdown')
    local -ar arg_specs=(
        '(--format -f)'{--format,-f}'[csv or markdown.]:format:{__dmf-wizard_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_rules() {
    local -i ret=1
    local -ar ___format=('markdown' 'html')
    local -ar arg_specs=(
        '(--format -f)'{--format,-f}'[markdown or html.]:format:{__dmf-wizard_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List entries, newest first.'
            'show:One entry and all its events.'
            'authorise:Record the IAO'\''s authorisation.'
            'refuse:Record the IAO'\''s refusal (--reason is required).'
            'sent:Record that the files were sent (each file'\''s size and SHA-256 is kept).'
            'received:Record the recipient'\''s receipt; the files received must match the files sent.'
            'deleted:Record a deletion: the sender'\''s copy (a move) or every copy.'
            'reviewed:Record a recurring transfer'\''s review.'
            'due:Deletions, reviews and entries due for redaction, due today or overdue, soonest first.'
            'export:Every entry and event, for an auditor, under its protective marking.'
            'check:Verify the file, the hash chain and the tree; with --checkpoint, that no history was rewritten.'
            'checkpoint:Write the register'\''s signed checkpoint (FILE and FILE.sig) for someone who does not run it.'
            'prove:Proofs that an entry'\''s events are in the register, against its latest checkpoint.'
            'verify-proof:Check proofs from `register prove` against a checkpoint signed by someone you trust.'
            'add:Record an assessment from its answers file (one saved while the register could not be used).'
            'decide:The IAO'\''s decision on a request (REF.request.json), signed, as REF.decision and REF.decision.sig.'
            'import:Record a decision (REF.decision), a sealed manifest or a receipt, with its signature (FILE.sig).'
            'require-signatures:From now on, every desk refuses unsigned decisions, sendings and receipts (a signed event).'
            'retention:Show or set how long the register keeps answers and names after every copy is deleted.'
            'redact:Remove an entry'\''s answers and requester'\''s name once its retention period has passed.'
            'migrate:Bring the register'\''s tables to the newest version this dmf-wizard knows.'
            'setup-roles:Print the SQL that sets up the roles a team'\''s register on PostgreSQL is kept with; --apply runs it.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|authorise|refuse|sent|received|deleted|reviewed|due|export|check|checkpoint|prove|verify-proof|add|decide|import|require-signatures|retention|redact|migrate|setup-roles)
            "_dmf-wizard_register_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_dmf-wizard_register_list() {
    local -i ret=1
    local -ar ___status=('recorded' 'authorised' 'refused' 'sent' 'received' 'sender-copy-deleted' 'closed')
    local -ar ___format=('table' 'csv' 'json')
    local -ar arg_specs=(
        '--status[Only entries with this status\: recorded, authorised, refused, sent, received, sender-copy-deleted, closed.]:status:{__dmf-wizard_complete "${___status[@]}"}'
        '--due[Only entries with a deletion or review due today or earlier.]'
        '--route[Only this route\: same-system, between-moj-systems, other-government-department, third-party.]:route:'
        '--search[Text in the reference, requester, team, organisations or systems (any case).]:search:'
        '(--format -f)'{--format,-f}'[table, csv or json.]:format:{__dmf-wizard_complete "${___format[@]}"}'
        '--limit[Show at most N (default 50).]:N:'
        '--all[Show every one.]'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_show() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':reference:'
        '(--format -f)'{--format,-f}'[text or json.]:format:{__dmf-wizard_complete "${___format[@]}"}'
        '--json[JSON instead of text (the same as --format json).]'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_authorise() {
    local -i ret=1
    local -ar arg_specs=(
        ':reference:'
        '--by[Who did it (the IAO for a decision, the recipient for a receipt).]:by:'
        '--date[The day it happened (31/03/2027 or 2027-03-31). Default\: today.]:date:'
        '--reason[Why\: the reason, conditions or a note.]:reason:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_refuse() {
    local -i ret=1
    local -ar arg_specs=(
        ':reference:'
        '--by[Who did it (the IAO for a decision, the recipient for a receipt).]:by:'
        '--date[The day it happened (31/03/2027 or 2027-03-31). Default\: today.]:date:'
        '--reason[Why\: the reason, conditions or a note.]:reason:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_sent() {
    local -i ret=1
    local -ar arg_specs=(
        ':reference:'
        '--by[Who did it (the IAO for a decision, the recipient for a receipt).]:by:'
        '--date[The day it happened (31/03/2027 or 2027-03-31). Default\: today.]:date:'
        '--reason[Why\: the reason, conditions or a note.]:reason:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '*:files:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_received() {
    local -i ret=1
    local -ar arg_specs=(
        ':reference:'
        '--by[Who did it (the IAO for a decision, the recipient for a receipt).]:by:'
        '--date[The day it happened (31/03/2027 or 2027-03-31). Default\: today.]:date:'
        '--reason[Why\: the reason, conditions or a note.]:reason:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '*:files:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_deleted() {
    local -i ret=1
    local -ar ___copy=('sender' 'all')
    local -ar arg_specs=(
        '--copy[sender (the sender'\''s copy, for a move) or all (every copy).]:copy:{__dmf-wizard_complete "${___copy[@]}"}'
        ':reference:'
        '--by[Who did it (the IAO for a decision, the recipient for a receipt).]:by:'
        '--date[The day it happened (31/03/2027 or 2027-03-31). Default\: today.]:date:'
        '--reason[Why\: the reason, conditions or a note.]:reason:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_reviewed() {
    local -i ret=1
    local -ar arg_specs=(
        '--next-review[The next review date. Default\: a year after this review.]:next-review:'
        ':reference:'
        '--by[Who did it (the IAO for a decision, the recipient for a receipt).]:by:'
        '--date[The day it happened (31/03/2027 or 2027-03-31). Default\: today.]:date:'
        '--reason[Why\: the reason, conditions or a note.]:reason:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_due() {
    local -i ret=1
    local -ar ___format=('table' 'csv' 'json')
    local -ar arg_specs=(
        '(--format -f)'{--format,-f}'[table, csv or json.]:format:{__dmf-wizard_complete "${___format[@]}"}'
        '--limit[Show at most N (default 50).]:N:'
        '--all[Show every one.]'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_export() {
    local -i ret=1
    local -ar ___format=('table' 'csv' 'json')
    local -ar arg_specs=(
        '(--format -f)'{--format,-f}'[csv or json.]:format:{__dmf-wizard_complete "${___format[@]}"}'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--checkpoint[A checkpoint made before (with FILE.sig beside it)\: the register must still hold every event it records.]:FILE:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_checkpoint() {
    local -i ret=1
    local -ar arg_specs=(
        '(--output -o)'{--output,-o}'[Where to write the checkpoint.]:FILE:'
        '--force[Replace FILE and FILE.sig if they exist.]'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_prove() {
    local -i ret=1
    local -ar arg_specs=(
        ':reference:'
        '--output-dir[Write the proofs and the checkpoint here.]:DIR:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_verify-proof() {
    local -i ret=1
    local -ar arg_specs=(
        ':proof:'
        ':checkpoint:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_add() {
    local -i ret=1
    local -ar arg_specs=(
        ':answers:'
        '*--document[A document written for it, to record its SHA-256 (repeatable).]:document:'
        '--reference[The reference its documents already carry.]:reference:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_decide() {
    local -i ret=1
    local -ar arg_specs=(
        ':request:'
        '--authorise[Authorise it.]'
        '--refuse[Refuse it (--reason is required).]'
        '--by[Your name as it goes on the form (the IAO'\''s).]:by:'
        '--reason[Why\: the reason, or the conditions.]:reason:'
        '--date[The day decided (31/03/2027 or 2027-03-31). Default\: today.]:date:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_import() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_require-signatures() {
    local -i ret=1
    local -ar arg_specs=(
        '--by[Your name.]:by:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_retention() {
    local -i ret=1
    local -ar arg_specs=(
        '--set[The period\: 6y, 18m or 90d.]:PERIOD:'
        '--by[Who sets it.]:by:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_redact() {
    local -i ret=1
    local -ar arg_specs=(
        ':reference:'
        '--by[Who removes them.]:by:'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_migrate() {
    local -i ret=1
    local -ar arg_specs=(
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_register_setup-roles() {
    local -i ret=1
    local -ar arg_specs=(
        '--prefix[What the roles'\'' names start with.]:prefix:'
        '--apply[Run the SQL on the register (--register or $DMF_REGISTER_URL), as well as printing it.]'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_seal() {
    local -i ret=1
    local -ar arg_specs=(
        ':reference:'
        '*:files:'
        '--by[Who is sending them. Default\: your login name.]:by:'
        '--marking[The protective marking. Default\: the register entry'\''s, else OFFICIAL-SENSITIVE.]:marking:'
        '--force[Replace a manifest that already exists.]'
        '--no-record[Write the manifest only; record nothing in the register.]'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_verify() {
    local -i ret=1
    local -ar arg_specs=(
        ':manifest:'
        '--by[The recipient\: record the receipt in the register under this name.]:by:'
        '--receipt[Also write the receipt as JSON to this file, signed by you (FILE.sig) when you have a key.]:receipt:'
        '--require-signature[Fail unless the manifest is signed by a key your allowed signers trust for manifests.]'
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--register[The register\: a PostgreSQL connection string (postgres\://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default\: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.]:register:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_verify-receipt() {
    local -i ret=1
    local -ar arg_specs=(
        ':receipt:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_keys() {
    local -i ret=1
    local -ar arg_specs=(
        '--key[The key that signs\: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default\: $DMF_SIGNING_KEY; none\: recorded as unsigned.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_dmf-wizard_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _dmf-wizard ]]; then
    _dmf-wizard "${@}"
else
    compdef _dmf-wizard dmf-wizard
fi
