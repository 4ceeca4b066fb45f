#!/bin/bash

__dmf-wizard_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__dmf-wizard_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__dmf-wizard_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__dmf-wizard_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_dmf-wizard() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __dmf-wizard_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    wizard|resume|fill|train|flow|table|rules|register|seal|verify|verify-receipt|keys|help)
        # Offer subcommand argument completions
        "_dmf-wizard_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'wizard resume fill train flow table rules register seal verify verify-receipt keys help' -- "${cur}"))
        ;;
    esac
}

_dmf-wizard_wizard() {
    repeating_flags=()
    non_repeating_flags=(--plain --helpdesk --projector --version -h --help)
    repeating_options=()
    non_repeating_options=(--code --register --key)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--code')
        return
        ;;
    '--register')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_resume() {
    repeating_flags=()
    non_repeating_flags=(--list --plain --helpdesk --projector --version -h --help)
    repeating_options=()
    non_repeating_options=(--delete --code --register --key)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--delete')
        return
        ;;
    '--code')
        return
        ;;
    '--register')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_fill() {
    repeating_flags=()
    non_repeating_flags=(--force --verdict-exit --record --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -f --output -o --output-dir --register)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format'|'-f')
        __dmf-wizard_add_completions -W 'markdown'$'\n''text'$'\n''html'$'\n''json'$'\n''pdf'
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--output-dir')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_train() {
    repeating_flags=()
    non_repeating_flags=(--list --projector --plain --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __dmf-wizard_offer_flags_options 0
}

_dmf-wizard_flow() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format -f)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format'|'-f')
        __dmf-wizard_add_completions -W 'text'$'\n''dot'$'\n''mermaid'
        return
        ;;
    esac
}

_dmf-wizard_table() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format -f)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format'|'-f')
        __dmf-wizard_add_completions -W 'csv'$'\n''markdown'
        return
        ;;
    esac
}

_dmf-wizard_rules() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format -f)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format'|'-f')
        __dmf-wizard_add_completions -W 'markdown'$'\n''html'
        return
        ;;
    esac
}

_dmf-wizard_register() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __dmf-wizard_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|authorise|refuse|sent|received|deleted|reviewed|due|export|check|checkpoint|prove|verify-proof|add|decide|import|require-signatures|retention|redact|migrate|setup-roles)
        # Offer subcommand argument completions
        "_dmf-wizard_register_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show authorise refuse sent received deleted reviewed due export check checkpoint prove verify-proof add decide import require-signatures retention redact migrate setup-roles' -- "${cur}"))
        ;;
    esac
}

_dmf-wizard_register_list() {
    repeating_flags=()
    non_repeating_flags=(--due --all --version -h --help)
    repeating_options=()
    non_repeating_options=(--status --route --search --format -f --limit --register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--status')
        __dmf-wizard_add_completions -W 'recorded'$'\n''authorised'$'\n''refused'$'\n''sent'$'\n''received'$'\n''sender-copy-deleted'$'\n''closed'
        return
        ;;
    '--route')
        return
        ;;
    '--search')
        return
        ;;
    '--format'|'-f')
        __dmf-wizard_add_completions -W 'table'$'\n''csv'$'\n''json'
        return
        ;;
    '--limit')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -f --register)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format'|'-f')
        __dmf-wizard_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_authorise() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--by --date --reason --register --key)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--date')
        return
        ;;
    '--reason')
        return
        ;;
    '--register')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_register_refuse() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--by --date --reason --register --key)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--date')
        return
        ;;
    '--reason')
        return
        ;;
    '--register')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_register_sent() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--by --date --reason --register --key)
    __dmf-wizard_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--date')
        return
        ;;
    '--reason')
        return
        ;;
    '--register')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_register_received() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--by --date --reason --register --key)
    __dmf-wizard_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--date')
        return
        ;;
    '--reason')
        return
        ;;
    '--register')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_register_deleted() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--copy --by --date --reason --register --key)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--copy')
        __dmf-wizard_add_completions -W 'sender'$'\n''all'
        return
        ;;
    '--by')
        return
        ;;
    '--date')
        return
        ;;
    '--reason')
        return
        ;;
    '--register')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_register_reviewed() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--next-review --by --date --reason --register --key)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--next-review')
        return
        ;;
    '--by')
        return
        ;;
    '--date')
        return
        ;;
    '--reason')
        return
        ;;
    '--register')
        return
        ;;
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_register_due() {
    repeating_flags=()
    non_repeating_flags=(--all --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -f --limit --register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format'|'-f')
        __dmf-wizard_add_completions -W 'table'$'\n''csv'$'\n''json'
        return
        ;;
    '--limit')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_export() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format -f --register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format'|'-f')
        __dmf-wizard_add_completions -W 'table'$'\n''csv'$'\n''json'
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--checkpoint --register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--checkpoint')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_checkpoint() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --key --register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        return
        ;;
    '--key')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_prove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--output-dir --register)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output-dir')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_verify-proof() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __dmf-wizard_offer_flags_options 2
}

_dmf-wizard_register_add() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--document)
    non_repeating_options=(--reference --register)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--document')
        return
        ;;
    '--reference')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_decide() {
    repeating_flags=()
    non_repeating_flags=(--authorise --refuse --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --reason --date --key --register)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--reason')
        return
        ;;
    '--date')
        return
        ;;
    '--key')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_import() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--register)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_require-signatures() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--by --key --register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--key')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_retention() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--set --by --key --register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--set')
        return
        ;;
    '--by')
        return
        ;;
    '--key')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_redact() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--by --key --register)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--key')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_migrate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_register_setup-roles() {
    repeating_flags=()
    non_repeating_flags=(--apply --version -h --help)
    repeating_options=()
    non_repeating_options=(--prefix --register)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--prefix')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_seal() {
    repeating_flags=()
    non_repeating_flags=(--force --no-record --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --marking --key --register)
    __dmf-wizard_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--marking')
        return
        ;;
    '--key')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_verify() {
    repeating_flags=()
    non_repeating_flags=(--require-signature --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --receipt --key --register)
    __dmf-wizard_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--receipt')
        return
        ;;
    '--key')
        return
        ;;
    '--register')
        return
        ;;
    esac
}

_dmf-wizard_verify-receipt() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __dmf-wizard_offer_flags_options 1
}

_dmf-wizard_keys() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--key)
    __dmf-wizard_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--key')
        return
        ;;
    esac
}

_dmf-wizard_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __dmf-wizard_offer_flags_options -1
}

complete -o filenames -F _dmf-wizard dmf-wizard
