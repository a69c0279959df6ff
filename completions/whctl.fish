# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_whctl_global_optspecs
    string join \n p/profile= config= o/output= q/quiet v/verbose yes timeout= h/help V/version
end

function __fish_whctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_whctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_whctl_using_subcommand
    set -l cmd (__fish_whctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c whctl -n "__fish_whctl_needs_command" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_needs_command" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_needs_command" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_needs_command" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_needs_command" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_needs_command" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_needs_command" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_needs_command" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_needs_command" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "export" -d 'Print the live subscriptions as a desired-state file'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "events" -d 'Look up the events each provider can send, and expand patterns'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "profile" -d 'Manage profiles (provider credentials) in the config file'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "providers" -d 'Show what each provider supports'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "subscribe" -d 'Create a webhook subscription'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "list" -d 'List the profile\'s subscriptions'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "get" -d 'Show one subscription'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "update" -d 'Change a subscription\'s URL, events, description or status'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "delete" -d 'Delete subscriptions'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "rotate-secret" -d 'Give a subscription a new signing secret'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "sign" -d 'Print the signature header(s) a delivery of a body would carry'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "verify" -d 'Check a delivery\'s signature (exit 8 when it is not valid)'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "trigger" -d 'Send a signed sample delivery of an event to a URL'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "listen" -d 'Receive deliveries locally: check signatures, forward to your app, print each'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "plan" -d 'Show what applying a desired-state file would change'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "apply" -d 'Converge the live subscriptions on a desired-state file'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "sandbox" -d 'The providers\' webhook APIs on your machine, delivering real signed events'
complete -c whctl -n "__fish_whctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c whctl -n "__fish_whctl_using_subcommand completions" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand completions" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand completions" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand completions" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand completions" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand completions" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand completions" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand export" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand export" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand export" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand export" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand export" -l all-profiles -d 'Export every profile with a webhook API [default: the current profile]'
complete -c whctl -n "__fish_whctl_using_subcommand export" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand export" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand export" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand export" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand export" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List events, optionally only those matching patterns (\'card.*\', \'*.created\', \'*\')'
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Describe one event and print its sample payload'
complete -c whctl -n "__fish_whctl_using_subcommand events; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -l provider -d 'Only this provider\'s events [default: every provider]' -r -f -a "atelio\t''
qolo\t''
sturdy\t''
prune\t''
graph\t''"
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -l provider -d 'The provider, needed when several providers have an event of that name' -r -f -a "atelio\t''
qolo\t''
sturdy\t''
prune\t''
graph\t''"
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "list" -d 'List events, optionally only those matching patterns (\'card.*\', \'*.created\', \'*\')'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "show" -d 'Describe one event and print its sample payload'
complete -c whctl -n "__fish_whctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -f -a "add" -d 'Add a profile (or change one with --force)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -f -a "set" -d 'Change some fields of a profile, keeping the others'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -f -a "remove" -d 'Remove a profile'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -f -a "use" -d 'Make a profile the default'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -f -a "list" -d 'List the profiles'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -f -a "show" -d 'Show a profile\'s settings and where each comes from; secrets redacted'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and not __fish_seen_subcommand_from add set remove use list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l provider -r -f -a "atelio\t''
qolo\t''
sturdy\t''
prune\t''
graph\t''"
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l base-url -d 'API base URL [default: the provider\'s live API]' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l identity -d 'The Identity header (atelio)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l login-id -d 'The login id (qolo)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l program-guid -d 'The program guid (qolo)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l api-version -d 'The API version in paths [default: v1] (qolo)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l api-key-env -d 'Read the API key at run time from this environment variable' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l path -d 'Override an unconfirmed provider path, e.g. --path delete=/api/v1/webhooks/{notification_guid}' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l api-key-stdin -d 'Read the API key from standard input'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l default -d 'Make it the default profile'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l force -d 'Change a profile of the same name: the fields given replace its own, the others are kept (a different --provider replaces the whole profile)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l base-url -d 'API base URL [default: the provider\'s live API]' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l identity -d 'The Identity header (atelio)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l login-id -d 'The login id (qolo)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l program-guid -d 'The program guid (qolo)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l api-version -d 'The API version in paths [default: v1] (qolo)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l api-key-env -d 'Read the API key at run time from this environment variable' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l path -d 'Override an unconfirmed provider path, e.g. --path delete=/api/v1/webhooks/{notification_guid}' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l unset -d 'Clear a field (base_url, identity, login_id, program_guid, api_version, api_key, path.OP, paths); repeatable' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l api-key-stdin -d 'Read the API key from standard input'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a profile (or change one with --force)'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change some fields of a profile, keeping the others'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a profile the default'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a profile\'s settings and where each comes from; secrets redacted'
complete -c whctl -n "__fish_whctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c whctl -n "__fish_whctl_using_subcommand providers" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand providers" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand providers" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand providers" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand providers" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand providers" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand providers" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand providers" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand providers" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand providers" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l url -d 'Where deliveries go (absolute http(s) URL)' -r
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l events -d 'Events or patterns (card.*, card*, *.created, *); repeat or separate with commas' -r
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l description -d 'A description shown in the provider\'s dashboard' -r
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l secret-file -d 'Qolo: use the secret in this file (\'-\' for stdin) instead of a generated one' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l secret-out -d 'Write the new secret to this file (mode 0600) instead of printing it' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l disabled -d 'Create the subscription disabled'
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l callback -d 'Prune: set the account\'s callback URL instead of its event URL'
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l dry-run -d 'Print what would be sent and send nothing'
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand subscribe" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand list" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand list" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand list" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand list" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand list" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand list" -l show-secret -d 'Show each secret in full'
complete -c whctl -n "__fish_whctl_using_subcommand list" -l all-profiles -d 'Query every profile of the config file at once, in one table'
complete -c whctl -n "__fish_whctl_using_subcommand list" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand list" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand list" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand list" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand get" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand get" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand get" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand get" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand get" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand get" -l show-secret -d 'Show the secret in full'
complete -c whctl -n "__fish_whctl_using_subcommand get" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand get" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand get" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand get" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand get" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand update" -l url -d 'New delivery URL' -r
complete -c whctl -n "__fish_whctl_using_subcommand update" -l events -d 'Replace the events with these patterns' -r
complete -c whctl -n "__fish_whctl_using_subcommand update" -l add-events -d 'Add these events or patterns to the current ones' -r
complete -c whctl -n "__fish_whctl_using_subcommand update" -l remove-events -d 'Remove the current events matching these patterns' -r
complete -c whctl -n "__fish_whctl_using_subcommand update" -l description -d 'New description' -r
complete -c whctl -n "__fish_whctl_using_subcommand update" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand update" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand update" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand update" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand update" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand update" -l enable -d 'Enable the subscription'
complete -c whctl -n "__fish_whctl_using_subcommand update" -l disable -d 'Disable the subscription (deliveries stop)'
complete -c whctl -n "__fish_whctl_using_subcommand update" -l dry-run -d 'Print what would be sent and change nothing (reads still go: a URL\'s lookup, the current events)'
complete -c whctl -n "__fish_whctl_using_subcommand update" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand update" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand update" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand update" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand update" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand delete" -l concurrency -d 'How many deletions run at once' -r
complete -c whctl -n "__fish_whctl_using_subcommand delete" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand delete" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand delete" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand delete" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand delete" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand delete" -l dry-run -d 'Print what would be sent and delete nothing (URLs are still looked up)'
complete -c whctl -n "__fish_whctl_using_subcommand delete" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand delete" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand delete" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand delete" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand delete" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -l secret-out -d 'Write the new secret to this file (mode 0600) instead of printing it' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -l dry-run -d 'Print what would be sent and change nothing (reads still go: a URL\'s lookup, the subscription)'
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand rotate-secret" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand sign" -l provider -r -f -a "atelio\t''
qolo\t''
sturdy\t''
prune\t''
graph\t''"
complete -c whctl -n "__fish_whctl_using_subcommand sign" -l secret-file -d 'File holding the webhook secret (\'-\' for stdin) [or WHCTL_WEBHOOK_SECRET]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sign" -l payload -d 'The raw body to sign (\'-\' or absent: stdin)' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sign" -l timestamp -d 'Unix time to sign at (Atelio) [default: now]' -r
complete -c whctl -n "__fish_whctl_using_subcommand sign" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sign" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sign" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sign" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand sign" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand sign" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand sign" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand sign" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand sign" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand sign" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l provider -r -f -a "atelio\t''
qolo\t''
sturdy\t''
prune\t''
graph\t''"
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l secret-file -d 'File holding the webhook secret (\'-\' for stdin) [or WHCTL_WEBHOOK_SECRET]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l header -d 'A header of the delivery, \'Name: value\' (repeatable)' -r
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l payload -d 'The raw body as received (\'-\' or absent: stdin)' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l tolerance -d 'How far a timestamp may be from now, in seconds (Atelio)' -r
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand verify" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand verify" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand verify" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand verify" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand verify" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand verify" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand verify" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -l provider -r -f -a "atelio\t''
qolo\t''
sturdy\t''
prune\t''
graph\t''"
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -l to -d 'Where to send it' -r
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -l secret-file -d 'File holding the webhook secret to sign with (\'-\' for stdin) [or WHCTL_WEBHOOK_SECRET]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -l override -d 'Set a field of the body: dotted path = value (JSON, or else a string); repeatable' -r
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand trigger" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l provider -r -f -a "atelio\t''
qolo\t''
sturdy\t''
prune\t''
graph\t''"
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l port -d 'Port on 127.0.0.1 (0: any free port)' -r
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l secret-file -d 'File holding the webhook secret to check signatures with (\'-\' for stdin) [or WHCTL_WEBHOOK_SECRET]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l forward-to -d 'Forward each delivery, body and headers unchanged, to this URL' -r
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l tolerance -d 'Timestamp tolerance for Atelio signatures, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l max -d 'Stop after this many deliveries' -r
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand listen" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand listen" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand listen" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand listen" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand listen" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand listen" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand listen" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand plan" -s f -l file -d 'The desired-state file' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand plan" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand plan" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand plan" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand plan" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand plan" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand plan" -l prune -d 'Also delete live subscriptions the file does not name (only in profiles it names)'
complete -c whctl -n "__fish_whctl_using_subcommand plan" -l exit-code -d 'Exit 9 when changes are pending, 0 when none (drift checks in CI)'
complete -c whctl -n "__fish_whctl_using_subcommand plan" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand plan" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand plan" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand plan" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand plan" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand apply" -s f -l file -d 'The desired-state file' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand apply" -l secrets-out -d 'Write each new subscription\'s secret to DIR/<profile>.<id>.secret (mode 0600)' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand apply" -l concurrency -d 'How many changes run at once' -r
complete -c whctl -n "__fish_whctl_using_subcommand apply" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand apply" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand apply" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand apply" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand apply" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand apply" -l prune -d 'Also delete live subscriptions the file does not name (only in profiles it names)'
complete -c whctl -n "__fish_whctl_using_subcommand apply" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand apply" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand apply" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand apply" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand apply" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -f -a "serve" -d 'Serve the providers\' webhook APIs on 127.0.0.1 (Ctrl-C to stop)'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -f -a "emit" -d 'Make the running sandbox deliver an event to every matching subscription'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -f -a "deliveries" -d 'List every delivery attempt the running sandbox made'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and not __fish_seen_subcommand_from serve emit deliveries help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l port -d 'Port on 127.0.0.1 (0: any free port, shown on the ready line)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l state -d 'Keep subscriptions and keys in this file (0600), so they survive a restart' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l retry-scale -d 'Multiply the providers\' retry waits by this (0 to 1; 0.001 makes an hour 3.6 s)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l provider -r -f -a "atelio\t''
qolo\t''
sturdy\t''
prune\t''
graph\t''"
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l override -d 'Set a field of the body: dotted path = value (JSON, or else a string); repeatable' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l sandbox -d 'The running sandbox' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l to -d 'Deliver to this URL instead of the sandbox\'s subscriptions (for providers without an API)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l secret-file -d 'With --to: file holding the webhook secret to sign with (\'-\' for stdin) [or WHCTL_WEBHOOK_SECRET]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from emit" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l sandbox -d 'The running sandbox' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l jq -d 'Filter the JSON output with a jq expression; strings print raw (implies -o json)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s p -l profile -d 'Profile of the config file to use (else its default_profile)' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l config -d 'Config file [default: <config dir>/whctl/config.toml]' -r -F
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s o -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "table\t''
json\t''"
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l timeout -d 'Bound on each request, in seconds' -r
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s q -l quiet -d 'Print only ids (one per line) or nothing'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s v -l verbose -d 'Log requests to stderr (credentials and secrets redacted)'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l yes -d 'Never ask; needed for destructive commands when stdin is not a terminal'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s h -l help -d 'Print help'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s V -l version -d 'Print version'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the providers\' webhook APIs on 127.0.0.1 (Ctrl-C to stop)'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "emit" -d 'Make the running sandbox deliver an event to every matching subscription'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "deliveries" -d 'List every delivery attempt the running sandbox made'
complete -c whctl -n "__fish_whctl_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "completions" -d 'Print a shell completion script'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "export" -d 'Print the live subscriptions as a desired-state file'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "events" -d 'Look up the events each provider can send, and expand patterns'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "profile" -d 'Manage profiles (provider credentials) in the config file'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "providers" -d 'Show what each provider supports'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "subscribe" -d 'Create a webhook subscription'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "list" -d 'List the profile\'s subscriptions'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "get" -d 'Show one subscription'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "update" -d 'Change a subscription\'s URL, events, description or status'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "delete" -d 'Delete subscriptions'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "rotate-secret" -d 'Give a subscription a new signing secret'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "sign" -d 'Print the signature header(s) a delivery of a body would carry'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "verify" -d 'Check a delivery\'s signature (exit 8 when it is not valid)'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "trigger" -d 'Send a signed sample delivery of an event to a URL'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "listen" -d 'Receive deliveries locally: check signatures, forward to your app, print each'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "plan" -d 'Show what applying a desired-state file would change'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "apply" -d 'Converge the live subscriptions on a desired-state file'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "sandbox" -d 'The providers\' webhook APIs on your machine, delivering real signed events'
complete -c whctl -n "__fish_whctl_using_subcommand help; and not __fish_seen_subcommand_from completions export events profile providers subscribe list get update delete rotate-secret sign verify trigger listen plan apply sandbox help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "list" -d 'List events, optionally only those matching patterns (\'card.*\', \'*.created\', \'*\')'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "show" -d 'Describe one event and print its sample payload'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "add" -d 'Add a profile (or change one with --force)'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "set" -d 'Change some fields of a profile, keeping the others'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "remove" -d 'Remove a profile'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "use" -d 'Make a profile the default'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show a profile\'s settings and where each comes from; secrets redacted'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Serve the providers\' webhook APIs on 127.0.0.1 (Ctrl-C to stop)'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "emit" -d 'Make the running sandbox deliver an event to every matching subscription'
complete -c whctl -n "__fish_whctl_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "deliveries" -d 'List every delivery attempt the running sandbox made'
