# bash completion for jdclass(1). Installed by cmake --install as
# share/bash-completion/completions/jdclass (loaded on demand by
# bash-completion); or source this file.

_jdclass()
{
    local cur prev
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local opts="-j --json -f --format -s --summary -m --model -e --explain
        --html --no-html -r --recursive --include --exclude -t --threads
        --max-input --color --colour -V --version -h --help"

    # bash splits "--opt=value" at '=' (COMP_WORDBREAKS): complete the value
    local eq=
    if [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
        eq=1
    elif [[ $cur == "=" ]]; then
        prev=${COMP_WORDS[COMP_CWORD-1]}
        cur=
        eq=1
    fi
    if [[ $eq && ( $prev == --color || $prev == --colour ) ]]; then
        COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
        return
    fi
    case $prev in
        -f|--format)
            COMPREPLY=($(compgen -W "text json csv tsv" -- "$cur"))
            return ;;
        -m|--model)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        -t|--threads)
            COMPREPLY=($(compgen -W "1 2 4 8 16" -- "$cur"))
            return ;;
        --max-input)
            COMPREPLY=($(compgen -W "1M 16M 64M 256M 1G" -- "$cur"))
            return ;;
        --include|--exclude)
            return ;;
    esac
    if [[ $COMP_CWORD -eq 1 && $cur != -* ]]; then
        COMPREPLY=($(compgen -W "train eval" -- "$cur") $(compgen -f -- "$cur"))
        return
    fi
    case $cur in
        --format=*|--color=*|--colour=*|--model=*)
            local opt=${cur%%=*} val=${cur#*=} words
            case $opt in
                --format) words="text json csv tsv" ;;
                --color|--colour) words="auto always never" ;;
                --model)
                    COMPREPLY=($(compgen -d -- "$val"))
                    return ;;
            esac
            COMPREPLY=($(compgen -W "$words" -- "$val"))
            return ;;
        -*)
            COMPREPLY=($(compgen -W "$opts" -- "$cur"))
            return ;;
    esac
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _jdclass jdclass
