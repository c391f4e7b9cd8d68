# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_api_triage_global_optspecs
    string join \n runbook= state-dir= today= h/help V/version
end

function __fish_api_triage_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_api_triage_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_api_triage_using_subcommand
    set -l cmd (__fish_api_triage_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c api-triage -n "__fish_api_triage_needs_command" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_needs_command" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_needs_command" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c api-triage -n "__fish_api_triage_needs_command" -s V -l version -d 'Print version'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "check" -d 'Check runbook files: exit 0 when clean, 1 with findings, 2 when a file cannot be read'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "list" -d 'List the code matrix, optionally filtered'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "explain" -d 'Show everything the runbook says about one status code'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "sessions" -d 'List saved triage sessions, newest first'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "resume" -d 'Reopen a triage session where it was left (default: the latest). Given a colleague\'s bundle folder (one holding bundle.json), import it first and open the copy (the copy made before, when that bundle was imported already)'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "import" -d 'Make a colleague\'s escalation bundle (its folder, or its bundle.json) a triage session here, to continue it: every note, answer, step and event kept, what the sender redacted still redacted. Prints the new session\'s id'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "export" -d 'Write the escalation bundle of a session (default: the latest) and print its summary'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "timeline" -d 'Print a session\'s timeline (default: the latest): every answer, step outcome, note, run, export, status update and hand-off in time order, redacted like an export'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "evidence" -d 'Read a pasted response (curl -v, curl -i, headers, a body, a HAR file): who returned it, ids, the token check. FILE `-` reads standard input'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "diff" -d 'Compare a known-good response with a failing one (files as `evidence` reads them: curl -v, curl -i, curl -w timing, --trace-time, a HAR file): status and who returned it, headers by the hop that adds them, JSON bodies field by field, timing phase by phase; the differences first. One of the two may be `-`, standard input'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "logs" -d 'Read access logs: requests and failures per minute, the first bad minute, how widespread the failure is, and the routes, upstreams and clients that carry it. Formats (told from the first lines): nginx or Apache combined or common, `HAProxy`\'s HTTP log, AWS ALB, Envoy\'s default, JSON lines (nginx, Envoy, Traefik, or fields you name)'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "suggest" -d 'Gather the runbook suggestions of escalation bundles for one runbook review: each bundle\'s runbook-suggestion.toml, merged per team runbook file and code (the same proposal from several incidents once, "seen in N incidents"), printed as one TOML snippet per file. Exit 2 when a folder cannot be read or holds no suggestion file, 1 when a suggestion file is broken'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "completions" -d 'Print shell completions (bash, zsh, fish, elvish, powershell) to standard output'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "man" -d 'Print the man page (roff) to standard output'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "compare" -d 'Compare codes that are easily confused, with the question that tells them apart'
complete -c api-triage -n "__fish_api_triage_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c api-triage -n "__fish_api_triage_using_subcommand check" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand check" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand check" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand check" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand check" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand list" -s s -l search -d 'Filter by code ("50") or keyword, fuzzily ("rate", "gatway")' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand list" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand list" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand list" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand list" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand list" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand explain" -l team -d 'Answer from this team\'s runbook (its name or file name)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand explain" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand explain" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand explain" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand explain" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand explain" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand sessions" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand sessions" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand sessions" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand sessions" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand sessions" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand resume" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand resume" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand resume" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand resume" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand import" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand import" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand import" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand import" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand import" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l out -d 'Where to create the bundle folder (default: `$API_TRIAGE_EXPORT_DIR`, else the current folder)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l format -d 'What to print: the summary as md, text or slack, or the bundle as json' -r -f -a "md\t'Markdown, for chat tools and issue trackers'
text\t'Plain text, for email and terminals'
slack\t'Slack mrkdwn'
json\t'The whole session as JSON'"
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l print -d 'Only print the summary to standard output: no bundle is written and the session stays open'
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l copy -d 'Also copy the summary to the clipboard (OSC 52 over SSH)'
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l handoff -d 'Print the hand-off for the next responder instead of the summary (md, text or slack): what is known, ruled out, in progress, the next checks and whom to call. Like --print, no bundle is written and the session stays open'
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -l no-redact -d 'Leave secrets in (not recommended: the bundle and clipboard get them as typed)'
complete -c api-triage -n "__fish_api_triage_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c api-triage -n "__fish_api_triage_using_subcommand timeline" -l format -d 'md (a Markdown table), csv, or json (one object per entry)' -r -f -a "md\t''
csv\t''
json\t''"
complete -c api-triage -n "__fish_api_triage_using_subcommand timeline" -l kind -d 'Only entries of these kinds (repeatable): start, answer, details, step, note, evidence, run, logs, alert, export, update, hand-off, import' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand timeline" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand timeline" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand timeline" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand timeline" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand evidence" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand evidence" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand evidence" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand evidence" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand evidence" -l show-secrets -d 'Print secrets as they are (redacted by default, like an export: screens get shared)'
complete -c api-triage -n "__fish_api_triage_using_subcommand evidence" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand diff" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand diff" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand diff" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand diff" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand diff" -l show-secrets -d 'Print secrets as they are (redacted by default, like `evidence`)'
complete -c api-triage -n "__fish_api_triage_using_subcommand diff" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l format -d 'The format, instead of telling it from the first lines: combined, haproxy, alb, envoy or json' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l time-field -d 'JSON lines: the field holding the time (ISO 8601, common log time or epoch)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l status-field -d 'JSON lines: the field holding the status code' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l path-field -d 'JSON lines: the field holding the path (or the request line)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l failing -d 'What counts as failing: `5xx` (the default) or a status code such as 429' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand logs" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand suggest" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand suggest" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand suggest" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand suggest" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand suggest" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand completions" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand completions" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand completions" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand completions" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand man" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand man" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand man" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand man" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand compare" -l team -r
complete -c api-triage -n "__fish_api_triage_using_subcommand compare" -l runbook -d 'A runbook file or folder to layer over the embedded default (repeatable). Without it: `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand compare" -l state-dir -d 'Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else `~/.local/state/api-triage/sessions`)' -r -F
complete -c api-triage -n "__fish_api_triage_using_subcommand compare" -l today -d 'Pretend today is this date (for review checks in tests and reproducible reports)' -r
complete -c api-triage -n "__fish_api_triage_using_subcommand compare" -l json
complete -c api-triage -n "__fish_api_triage_using_subcommand compare" -s h -l help -d 'Print help'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "check" -d 'Check runbook files: exit 0 when clean, 1 with findings, 2 when a file cannot be read'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "list" -d 'List the code matrix, optionally filtered'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "explain" -d 'Show everything the runbook says about one status code'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "sessions" -d 'List saved triage sessions, newest first'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "resume" -d 'Reopen a triage session where it was left (default: the latest). Given a colleague\'s bundle folder (one holding bundle.json), import it first and open the copy (the copy made before, when that bundle was imported already)'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "import" -d 'Make a colleague\'s escalation bundle (its folder, or its bundle.json) a triage session here, to continue it: every note, answer, step and event kept, what the sender redacted still redacted. Prints the new session\'s id'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "export" -d 'Write the escalation bundle of a session (default: the latest) and print its summary'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "timeline" -d 'Print a session\'s timeline (default: the latest): every answer, step outcome, note, run, export, status update and hand-off in time order, redacted like an export'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "evidence" -d 'Read a pasted response (curl -v, curl -i, headers, a body, a HAR file): who returned it, ids, the token check. FILE `-` reads standard input'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "diff" -d 'Compare a known-good response with a failing one (files as `evidence` reads them: curl -v, curl -i, curl -w timing, --trace-time, a HAR file): status and who returned it, headers by the hop that adds them, JSON bodies field by field, timing phase by phase; the differences first. One of the two may be `-`, standard input'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "logs" -d 'Read access logs: requests and failures per minute, the first bad minute, how widespread the failure is, and the routes, upstreams and clients that carry it. Formats (told from the first lines): nginx or Apache combined or common, `HAProxy`\'s HTTP log, AWS ALB, Envoy\'s default, JSON lines (nginx, Envoy, Traefik, or fields you name)'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "suggest" -d 'Gather the runbook suggestions of escalation bundles for one runbook review: each bundle\'s runbook-suggestion.toml, merged per team runbook file and code (the same proposal from several incidents once, "seen in N incidents"), printed as one TOML snippet per file. Exit 2 when a folder cannot be read or holds no suggestion file, 1 when a suggestion file is broken'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, elvish, powershell) to standard output'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "man" -d 'Print the man page (roff) to standard output'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "compare" -d 'Compare codes that are easily confused, with the question that tells them apart'
complete -c api-triage -n "__fish_api_triage_using_subcommand help; and not __fish_seen_subcommand_from check list explain sessions resume import export timeline evidence diff logs suggest completions man compare help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
