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
            __dmf-wizard_parse_subcommand 0 'plain' 'helpdesk' 'projector' 'code=' 'version' 'h/help'
        case 'resume'
            __dmf-wizard_parse_subcommand 1 'list' 'delete=' 'plain' 'helpdesk' 'projector' 'code=' 'version' 'h/help'
        case 'fill'
            __dmf-wizard_parse_subcommand 1 'f/format=' 'o/output=' 'output-dir=' 'force' 'verdict-exit' 'version' 'h/help'
        case 'train'
            __dmf-wizard_parse_subcommand 0 'list' 'projector' 'plain' 'version' 'h/help'
        case 'flow'
            __dmf-wizard_parse_subcommand 0 'f/format=' 'version' 'h/help'
        case 'table'
            __dmf-wizard_parse_subcommand 0 'f/format=' 'version' 'h/help'
        case 'rules'
            __dmf-wizard_parse_subcommand 0 'f/format=' 'version' 'h/help'
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
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_positional "dmf-wizard" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" plain' -l 'plain' -d 'Plain, line-by-line questions for screen readers, braille displays and piped input.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" helpdesk' -l 'helpdesk' -d 'Helpdesk mode: record the caller and the agent; read-aloud wording on every question.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" projector' -l 'projector' -d 'High-contrast look for a projector: no colour, bold and reverse only.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" code' -l 'code' -d 'Rebuild the choices from a resume code read out by a caller (e.g. B3N-PNK-6CT-PC); only the free-text questions are asked.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard wizard" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" list' -l 'list' -d 'List the saved drafts (requester, route, description, step) instead of resuming.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" delete' -l 'delete' -d 'Delete the named draft from the drafts folder instead of resuming.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" plain' -l 'plain' -d 'Plain, line-by-line questions for screen readers, braille displays and piped input.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" helpdesk' -l 'helpdesk' -d 'Helpdesk mode: record the caller and the agent; read-aloud wording on every question.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" projector' -l 'projector' -d 'High-contrast look for a projector: no colour, bold and reverse only.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" code' -l 'code' -d 'Rebuild the choices from a resume code read out by a caller (e.g. B3N-PNK-6CT-PC); only the free-text questions are asked.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" version' -l 'version' -d 'Show the version.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard resume" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" f format' -l 'format' -s 'f' -d 'Output format: markdown, text, html, json or pdf (pdf is the HTML printed by Chromium). Default: the --output file\'s extension (.md, .txt, .html, .json, .pdf), else markdown.' -rfka 'markdown text html json pdf'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" o output' -l 'output' -s 'o' -d 'Write to this file instead of printing.' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" output-dir' -l 'output-dir' -d 'Write every format into this folder, named after the DMF reference (PDF when Chromium is installed).' -rfka ''
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" force' -l 'force' -d 'Replace files that already exist.'
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard fill" verdict-exit' -l 'verdict-exit' -d 'Exit with the verdict: 0 proceed, 3 conditions, 4 refer, 5 blocked.'
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
complete -c 'dmf-wizard' -n '__dmf-wizard_should_offer_completions_for_flags_or_options "dmf-wizard help" version' -l 'version' -d 'Show the version.'
