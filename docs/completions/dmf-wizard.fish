function __dmf-wizard_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __dmf-wizard_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __dmf-wizard_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __dmf-wizard_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __dmf-wizard_parse_tokens -S
    set -l unparsed_tokens (__dmf-wizard_tokens -pc)
    switch $unparsed_tokens[1]
    case 'dmf-wizard'
        __dmf-wizard_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'wizard'
            __dmf-wizard_parse_subcommand 0 'plain' 'helpdesk' 'projector' 'code=' 'register=' 'key=' 'version' 'h/help'
        case 'resume'
            __dmf-wizard_parse_subcommand 1 'list' 'delete=' 'plain' 'helpdesk' 'projector' 'code=' 'register=' 'key=' 'version' 'h/help'
        case 'fill'
            __dmf-wizard_parse_subcommand 1 'f/format=' 'o/output=' 'output-dir=' 'force' 'verdict-exit' 'record' 'register=' 'version' 'h/help'
        case 'train'
            __dmf-wizard_parse_subcommand 0 'list' 'projector' 'plain' 'version' 'h/help'
        case 'flow'
            __dmf-wizard_parse_subcommand 0 'f/format=' 'version' 'h/help'
        case 'table'
            __dmf-wizard_parse_subcommand 0 'f/format=' 'version' 'h/help'
        case 'rules'
            __dmf-wizard_parse_subcommand 0 'f/format=' 'version' 'h/help'
        case 'register'
            __dmf-wizard_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __dmf-wizard_parse_subcommand 0 'status=' 'due' 'route=' 'search=' 'f/format=' 'limit=' 'all' 'register=' 'version' 'h/help'
            case 'show'
                __dmf-wizard_parse_subcommand 1 'f/format=' 'json' 'register=' 'version' 'h/help'
            case 'authorise'
                __dmf-wizard_parse_subcommand 1 'by=' 'date=' 'reason=' 'register=' 'key=' 'version' 'h/help'
            case 'refuse'
                __dmf-wizard_parse_subcommand 1 'by=' 'date=' 'reason=' 'register=' 'key=' 'version' 'h/help'
            case 'sent'
                __dmf-wizard_parse_subcommand -r 2 'by=' 'date=' 'reason=' 'register=' 'key=' 'version' 'h/help'
            case 'received'
                __dmf-wizard_parse_subcommand -r 2 'by=' 'date=' 'reason=' 'register=' 'key=' 'version' 'h/help'
            case 'deleted'
                __dmf-wizard_parse_subcommand 1 'copy=' 'by=' 'date=' 'reason=' 'register=' 'key=' 'version' 'h/help'
            case 'reviewed'
                __dmf-wizard_parse_subcommand 1 'next-review=' 'by=' 'date=' 'reason=' 'register=' 'key=' 'version' 'h/help'
            case 'due'
                __dmf-wizard_parse_subcommand 0 'f/format=' 'limit=' 'all' 'register=' 'version' 'h/help'
            case 'export'
                __dmf-wizard_parse_subcommand 0 'f/format=' 'register=' 'version' 'h/help'
            case 'check'
                __dmf-wizard_parse_subcommand 0 'checkpoint=' 'register=' 'version' 'h/help'
            case 'checkpoint'
                __dmf-wizard_parse_subcommand 0 'o/output=' 'force' 'key=' 'register=' 'version' 'h/help'
            case 'prove'
                __dmf-wizard_parse_subcommand 1 'output-dir=' 'register=' 'version' 'h/help'
            case 'verify-proof'
                __dmf-wizard_parse_subcommand 2 'version' 'h/help'
            case 'add'
                __dmf-wizard_parse_subcommand 1 'document=+' 'reference=' 'register=' 'version' 'h/help'
            case 'decide'
                __dmf-wizard_parse_subcommand 1 'authorise' 'refuse' 'by=' 'reason=' 'date=' 'key=' 'register=' 'version' 'h/help'
            case 'import'
                __dmf-wizard_parse_subcommand 1 'register=' 'version' 'h/help'
            case 'require-signatures'
                __dmf-wizard_parse_subcommand 0 'by=' 'key=' 'register=' 'version' 'h/help'
            case 'retention'
                __dmf-wizard_parse_subcommand 0 'set=' 'by=' 'key=' 'register=' 'version' 'h/help'
            case 'redact'
                __dmf-wizard_parse_subcommand 1 'by=' 'key=' 'register=' 'version' 'h/help'
            case 'migrate'
                __dmf-wizard_parse_subcommand 0 'register=' 'version' 'h/help'
            case 'setup-roles'
                __dmf-wizard_parse_subcommand 0 'prefix=' 'apply' 'register=' 'version' 'h/help'
            end
        case 'seal'
            __dmf-wizard_parse_subcommand -r 2 'by=' 'marking=' 'force' 'no-record' 'key=' 'register=' 'version' 'h/help'
        case 'verify'
            __dmf-wizard_parse_subcommand 1 'by=' 'receipt=' 'require-signature' 'key=' 'register=' 'version' 'h/help'
        case 'verify-receipt'
            __dmf-wizard_parse_subcommand 1 'version' 'h/help'
        case 'keys'
            __dmf-wizard_parse_subcommand 0 'key=' 'version' 'h/help'
        case 'help'
            __dmf-wizard_parse_subcommand -r 1 'version'
        end
    end
end

function __dmf-wizard_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __dmf-wizard_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __dmf-wizard_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __dmf-wizard_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__dmf-wizard_tokens -p)
    if test -z "$(__dmf-wizard_tokens -t)"
        set -l index (count (__dmf-wizard_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'dmf-wizard' -f
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'wizard' -d 'Answer the questions step by step (the default).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'resume' -d 'Continue a saved draft at the step where it stopped (the newest draft if none is named).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'fill' -d 'Decide from an answers file and print (or write) the verdict, checklist and filled DMF.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'train' -d 'Training: work prepared cases, predict the outcome, and compare (nothing is saved as a draft).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'flow' -d 'Print the flow map: every question and outcome, with the conditions between them.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'table' -d 'Print the decision table: the choice answers that change the outcome, with verdicts and findings.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'rules' -d 'Print the rule book: every rule with its guidance quotation, when it fires, who acts and its words.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'register' -d 'The register of assessments: each one\'s life from authorisation to deletion, in a history no one can quietly rewrite.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'seal' -d 'Write a manifest of the files to send (name, size, SHA-256) and record them as sent.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'verify' -d 'Check received files against their manifest and print a receipt.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'verify-receipt' -d 'Check a receipt and the recipient\'s signature (FILE.sig) with your allowed signers.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'keys' -d 'Which key signs for you, whether the allowed signers trust it and for what, or how to set one up.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" plain' -l 'plain' -d 'Plain, line-by-line questions for screen readers, braille displays and piped input.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" helpdesk' -l 'helpdesk' -d 'Helpdesk mode: record the caller and the agent; read-aloud wording on every question.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" projector' -l 'projector' -d 'High-contrast look for a projector: no colour, bold and reverse only.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" code' -l 'code' -d 'Rebuild the choices from a resume code read out by a caller (e.g. CXD-NCS-K6H-F7Y); only the free-text questions are asked.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" register' -l 'register' -d 'Record saved outcomes in this register (a PostgreSQL connection string such as postgres://HOST/DB or service=NAME, or a SQLite file). Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" list' -l 'list' -d 'List the saved drafts (requester, route, description, step) instead of resuming.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" delete' -l 'delete' -d 'Delete the named draft from the drafts folder instead of resuming.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" plain' -l 'plain' -d 'Plain, line-by-line questions for screen readers, braille displays and piped input.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" helpdesk' -l 'helpdesk' -d 'Helpdesk mode: record the caller and the agent; read-aloud wording on every question.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" projector' -l 'projector' -d 'High-contrast look for a projector: no colour, bold and reverse only.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" code' -l 'code' -d 'Rebuild the choices from a resume code read out by a caller (e.g. CXD-NCS-K6H-F7Y); only the free-text questions are asked.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" register' -l 'register' -d 'Record saved outcomes in this register (a PostgreSQL connection string such as postgres://HOST/DB or service=NAME, or a SQLite file). Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" f format' -l 'format' -s 'f' -d 'Output format: markdown, text, html, json or pdf (pdf is the HTML printed by Chromium). Default: the --output file\'s extension (.md, .txt, .html, .json, .pdf), else markdown.' -rfka 'markdown text html json pdf'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" o output' -l 'output' -s 'o' -d 'Write to this file instead of printing.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" output-dir' -l 'output-dir' -d 'Write every format into this folder, named after the DMF reference (PDF when Chromium is installed).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" force' -l 'force' -d 'Replace files that already exist.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" verdict-exit' -l 'verdict-exit' -d 'Exit with the verdict: 0 proceed, 3 conditions, 4 refer, 5 blocked.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" record' -l 'record' -d 'Record the assessment in the register, with the SHA-256 of each file written (needs --output or --output-dir). Exit 6 when the files were written but the register could not be used.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard train" list' -l 'list' -d 'Print the training cases and exit.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard train" projector' -l 'projector' -d 'High-contrast look for a projector.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard train" plain' -l 'plain' -d 'Plain, line-by-line training for screen readers and terminals without full-screen support.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard train" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard train" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard flow" f format' -l 'format' -s 'f' -d 'text, dot (Graphviz) or mermaid.' -rfka 'text dot mermaid'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard flow" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard flow" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard table" f format' -l 'format' -s 'f' -d 'csv or markdown.' -rfka 'csv markdown'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard table" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard table" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard rules" f format' -l 'format' -s 'f' -d 'markdown or html.' -rfka 'markdown html'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard rules" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard rules" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'list' -d 'List entries, newest first.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'show' -d 'One entry and all its events.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'authorise' -d 'Record the IAO\'s authorisation.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'refuse' -d 'Record the IAO\'s refusal (--reason is required).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'sent' -d 'Record that the files were sent (each file\'s size and SHA-256 is kept).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'received' -d 'Record the recipient\'s receipt; the files received must match the files sent.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'deleted' -d 'Record a deletion: the sender\'s copy (a move) or every copy.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'reviewed' -d 'Record a recurring transfer\'s review.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'due' -d 'Deletions, reviews and entries due for redaction, due today or overdue, soonest first.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'export' -d 'Every entry and event, for an auditor, under its protective marking.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'check' -d 'Verify the file, the hash chain and the tree; with --checkpoint, that no history was rewritten.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'checkpoint' -d 'Write the register\'s signed checkpoint (FILE and FILE.sig) for someone who does not run it.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'prove' -d 'Proofs that an entry\'s events are in the register, against its latest checkpoint.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'verify-proof' -d 'Check proofs from `register prove` against a checkpoint signed by someone you trust.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'add' -d 'Record an assessment from its answers file (one saved while the register could not be used).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'decide' -d 'The IAO\'s decision on a request (REF.request.json), signed, as REF.decision and REF.decision.sig.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'import' -d 'Record a decision (REF.decision), a sealed manifest or a receipt, with its signature (FILE.sig).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'require-signatures' -d 'From now on, every desk refuses unsigned decisions, sendings and receipts (a signed event).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'retention' -d 'Show or set how long the register keeps answers and names after every copy is deleted.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'redact' -d 'Remove an entry\'s answers and requester\'s name once its retention period has passed.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'migrate' -d 'Bring the register\'s tables to the newest version this dmf-wizard knows.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard register" -eq 1' -fa 'setup-roles' -d 'Print the SQL that sets up the roles a team\'s register on PostgreSQL is kept with; --apply runs it.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" status' -l 'status' -d 'Only entries with this status: recorded, authorised, refused, sent, received, sender-copy-deleted, closed.' -rfka 'recorded authorised refused sent received sender-copy-deleted closed'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" due' -l 'due' -d 'Only entries with a deletion or review due today or earlier.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" route' -l 'route' -d 'Only this route: same-system, between-moj-systems, other-government-department, third-party.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" search' -l 'search' -d 'Text in the reference, requester, team, organisations or systems (any case).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" f format' -l 'format' -s 'f' -d 'table, csv or json.' -rfka 'table csv json'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" limit' -l 'limit' -d 'Show at most N (default 50).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" all' -l 'all' -d 'Show every one.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register show" f format' -l 'format' -s 'f' -d 'text or json.' -rfka 'text json'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register show" json' -l 'json' -d 'JSON instead of text (the same as --format json).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register show" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register show" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register authorise" by' -l 'by' -d 'Who did it (the IAO for a decision, the recipient for a receipt).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register authorise" date' -l 'date' -d 'The day it happened (31/03/2027 or 2027-03-31). Default: today.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register authorise" reason' -l 'reason' -d 'Why: the reason, conditions or a note.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register authorise" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register authorise" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register authorise" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register authorise" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register refuse" by' -l 'by' -d 'Who did it (the IAO for a decision, the recipient for a receipt).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register refuse" date' -l 'date' -d 'The day it happened (31/03/2027 or 2027-03-31). Default: today.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register refuse" reason' -l 'reason' -d 'Why: the reason, conditions or a note.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register refuse" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register refuse" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register refuse" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register refuse" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register sent" by' -l 'by' -d 'Who did it (the IAO for a decision, the recipient for a receipt).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register sent" date' -l 'date' -d 'The day it happened (31/03/2027 or 2027-03-31). Default: today.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register sent" reason' -l 'reason' -d 'Why: the reason, conditions or a note.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register sent" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register sent" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register sent" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register sent" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register received" by' -l 'by' -d 'Who did it (the IAO for a decision, the recipient for a receipt).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register received" date' -l 'date' -d 'The day it happened (31/03/2027 or 2027-03-31). Default: today.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register received" reason' -l 'reason' -d 'Why: the reason, conditions or a note.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register received" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register received" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register received" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register received" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register deleted" copy' -l 'copy' -d 'sender (the sender\'s copy, for a move) or all (every copy).' -rfka 'sender all'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register deleted" by' -l 'by' -d 'Who did it (the IAO for a decision, the recipient for a receipt).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register deleted" date' -l 'date' -d 'The day it happened (31/03/2027 or 2027-03-31). Default: today.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register deleted" reason' -l 'reason' -d 'Why: the reason, conditions or a note.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register deleted" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register deleted" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register deleted" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register deleted" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register reviewed" next-review' -l 'next-review' -d 'The next review date. Default: a year after this review.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register reviewed" by' -l 'by' -d 'Who did it (the IAO for a decision, the recipient for a receipt).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register reviewed" date' -l 'date' -d 'The day it happened (31/03/2027 or 2027-03-31). Default: today.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register reviewed" reason' -l 'reason' -d 'Why: the reason, conditions or a note.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register reviewed" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register reviewed" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register reviewed" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register reviewed" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register due" f format' -l 'format' -s 'f' -d 'table, csv or json.' -rfka 'table csv json'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register due" limit' -l 'limit' -d 'Show at most N (default 50).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register due" all' -l 'all' -d 'Show every one.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register due" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register due" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register due" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register export" f format' -l 'format' -s 'f' -d 'csv or json.' -rfka 'table csv json'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register export" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register export" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register check" checkpoint' -l 'checkpoint' -d 'A checkpoint made before (with FILE.sig beside it): the register must still hold every event it records.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register check" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register check" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register checkpoint" o output' -l 'output' -s 'o' -d 'Where to write the checkpoint.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register checkpoint" force' -l 'force' -d 'Replace FILE and FILE.sig if they exist.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register checkpoint" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register checkpoint" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register checkpoint" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register checkpoint" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register prove" output-dir' -l 'output-dir' -d 'Write the proofs and the checkpoint here.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register prove" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register prove" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register prove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register verify-proof" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register verify-proof" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register add"' -l 'document' -d 'A document written for it, to record its SHA-256 (repeatable).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register add" reference' -l 'reference' -d 'The reference its documents already carry.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register add" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register add" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" authorise' -l 'authorise' -d 'Authorise it.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" refuse' -l 'refuse' -d 'Refuse it (--reason is required).'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" by' -l 'by' -d 'Your name as it goes on the form (the IAO\'s).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" reason' -l 'reason' -d 'Why: the reason, or the conditions.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" date' -l 'date' -d 'The day decided (31/03/2027 or 2027-03-31). Default: today.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register decide" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register import" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register import" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register require-signatures" by' -l 'by' -d 'Your name.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register require-signatures" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register require-signatures" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register require-signatures" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register require-signatures" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register retention" set' -l 'set' -d 'The period: 6y, 18m or 90d.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register retention" by' -l 'by' -d 'Who sets it.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register retention" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register retention" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register retention" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register retention" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register redact" by' -l 'by' -d 'Who removes them.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register redact" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register redact" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register redact" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register redact" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register migrate" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register migrate" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register migrate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register setup-roles" prefix' -l 'prefix' -d 'What the roles\' names start with.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register setup-roles" apply' -l 'apply' -d 'Run the SQL on the register (--register or $DMF_REGISTER_URL), as well as printing it.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register setup-roles" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register setup-roles" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard register setup-roles" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard seal" by' -l 'by' -d 'Who is sending them. Default: your login name.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard seal" marking' -l 'marking' -d 'The protective marking. Default: the register entry\'s, else OFFICIAL-SENSITIVE.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard seal" force' -l 'force' -d 'Replace a manifest that already exists.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard seal" no-record' -l 'no-record' -d 'Write the manifest only; record nothing in the register.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard seal" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard seal" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard seal" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard seal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify" by' -l 'by' -d 'The recipient: record the receipt in the register under this name.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify" receipt' -l 'receipt' -d 'Also write the receipt as JSON to this file, signed by you (FILE.sig) when you have a key.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify" require-signature' -l 'require-signature' -d 'Fail unless the manifest is signed by a key your allowed signers trust for manifests.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify" register' -l 'register' -d 'The register: a PostgreSQL connection string (postgres://HOST/DB, or key=value such as service=NAME), or a SQLite file. Default: $DMF_REGISTER_URL, else $XDG_DATA_HOME/dmf-wizard/register.sqlite.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify-receipt" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard verify-receipt" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard keys" key' -l 'key' -d 'The key that signs: a private key file, or a public key whose private half is in ssh-agent (a smart card, a security key). Default: $DMF_SIGNING_KEY; none: recorded as unsigned.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard keys" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard keys" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard help" version' -l 'version' -d 'Show the version.'
