"""The completion scripts for bash, zsh and fish: ours, not Typer's, so that how a value reaches the
command line is decided here and in shells.py, and nothing a corpus holds is ever evaluated as shell code.

Each script asks `leninletters` with _LENINLETTERS_COMPLETE=complete_SHELL set and reads one value a line
(zsh and fish: value, a tab, its help). Status 3 means "complete file names here" (--corpus, -o, validate).
"""

from __future__ import annotations

# The variable that asks for completion (its value names the shell), and the options that print or install
# a shell's script: here, where starting a run can read them without the completion machinery.
COMPLETE_VAR = "_LENINLETTERS_COMPLETE"
INSTALL_COMPLETION = "--install-completion"
SHOW_COMPLETION = "--show-completion"
# What the zsh and fish scripts set: the words before the cursor (unquoted, joined by WORD_SEPARATOR),
# and the word being typed.
WORDS_VAR = "_LENINLETTERS_WORDS"
INCOMPLETE_VAR = "_LENINLETTERS_INCOMPLETE"
# The status a completion run ends with when the word is a file name: the script completes file names.
WANTS_FILES = 3
# zsh and fish pass the words before the cursor joined by this character (fish's command substitution
# would split them at newlines); bash passes its command line as it is.
WORD_SEPARATOR = "\x1f"

# bash: Python gets the whole line to the cursor and answers with words already quoted for bash, cut to
# what readline replaces (the text after the last COMP_WORDBREAKS character, so `to:` stays `to:`).
# No `-o default`: a word that offers nothing completes nothing, rather than file names.
BASH = r"""# bash completion for leninletters (leninletters --show-completion bash)
_leninletters_completion() {
    local out status reply
    COMPREPLY=()
    out=$(env _LENINLETTERS_COMPLETE=complete_bash COMP_LINE="$COMP_LINE" COMP_POINT="$COMP_POINT" \
        COMP_WORDBREAKS="$COMP_WORDBREAKS" "$1" 2>/dev/null)
    status=$?
    if (( status == 3 )); then
        compopt -o default 2>/dev/null
        return 0
    fi
    (( status == 0 )) && [[ -n $out ]] || return 0
    mapfile -t COMPREPLY <<<"$out"
    for reply in "${COMPREPLY[@]}"; do
        # a query field (to:, date:) or an option's = is followed by its value, not by a space
        [[ $reply == *[:=] ]] && compopt -o nospace 2>/dev/null
    done
    return 0
}
complete -F _leninletters_completion leninletters
"""

# zsh: the values come back unquoted and compadd quotes them itself (no -Q, no eval). Autoloaded from
# fpath (compinit reads #compdef), the file's body runs on the first Tab, so that Tab completes too.
ZSH = r"""#compdef leninletters
# zsh completion for leninletters (leninletters --show-completion zsh)
_leninletters() {
    local out line value shown separator=$'\x1f'
    local -a lines values displays joined joined_displays
    out=$(env _LENINLETTERS_COMPLETE=complete_zsh \
        _LENINLETTERS_WORDS="${(pj:$separator:)${(@Q)words[2,CURRENT-1]}}" \
        _LENINLETTERS_INCOMPLETE="${(Q)PREFIX}" "${(Q)words[1]}" 2>/dev/null)
    if (( $? == 3 )); then
        _files
        return
    fi
    lines=("${(@f)out}")
    for line in "${lines[@]}"; do
        [[ -n $line ]] || continue
        value=${line%%$'\t'*}
        shown=$value
        [[ $line == *$'\t'?* ]] && shown="$value  -- ${line#*$'\t'}"
        if [[ $value == *[:=] ]]; then
            joined+=("$value")
            joined_displays+=("$shown")
        else
            values+=("$value")
            displays+=("$shown")
        fi
    done
    (( ${#values} + ${#joined} )) || return 1
    (( ${#values} )) && compadd -l -d displays -- "${values[@]}"
    (( ${#joined} )) && compadd -l -S '' -d joined_displays -- "${joined[@]}"
    return 0
}
if [[ ${funcstack[1]} == _leninletters ]]; then
    _leninletters "$@"
elif (( ${+functions[compdef]} )); then
    compdef _leninletters leninletters
fi
"""

# fish: value<TAB>help lines, which fish never evaluates; fish quotes what it inserts.
FISH = r"""# fish completion for leninletters (leninletters --show-completion fish)
function __leninletters_complete
    set -l words (commandline -opc)
    set -l out (env _LENINLETTERS_COMPLETE=complete_fish \
        _LENINLETTERS_WORDS=(string join \x1f -- $words[2..-1] | string collect --allow-empty) \
        _LENINLETTERS_INCOMPLETE=(commandline -ct | string collect --allow-empty) $words[1] 2>/dev/null)
    if test $status -eq 3
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\n' $out
end
complete --command leninletters --erase
complete --command leninletters --no-files --arguments '(__leninletters_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}
