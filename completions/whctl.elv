
use builtin;
use str;

set edit:completion:arg-completer[whctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'whctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'whctl'= {
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand completions 'Print a shell completion script'
            cand export 'Print the live subscriptions as a desired-state file'
            cand events 'Look up the events each provider can send, and expand patterns'
            cand profile 'Manage profiles (provider credentials) in the config file'
            cand providers 'Show what each provider supports'
            cand subscribe 'Create a webhook subscription'
            cand list 'List the profile''s subscriptions'
            cand get 'Show one subscription'
            cand update 'Change a subscription''s URL, events, description or status'
            cand delete 'Delete subscriptions'
            cand rotate-secret 'Give a subscription a new signing secret'
            cand sign 'Print the signature header(s) a delivery of a body would carry'
            cand verify 'Check a delivery''s signature (exit 8 when it is not valid)'
            cand trigger 'Send a signed sample delivery of an event to a URL'
            cand listen 'Receive deliveries locally: check signatures, forward to your app, print each'
            cand plan 'Show what applying a desired-state file would change'
            cand apply 'Converge the live subscriptions on a desired-state file'
            cand sandbox 'The providers'' webhook APIs on your machine, delivering real signed events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'whctl;completions'= {
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;export'= {
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --all-profiles 'Export every profile with a webhook API [default: the current profile]'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;events'= {
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List events, optionally only those matching patterns (''card.*'', ''*.created'', ''*'')'
            cand show 'Describe one event and print its sample payload'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'whctl;events;list'= {
            cand --provider 'Only this provider''s events [default: every provider]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;events;show'= {
            cand --provider 'The provider, needed when several providers have an event of that name'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;events;help'= {
            cand list 'List events, optionally only those matching patterns (''card.*'', ''*.created'', ''*'')'
            cand show 'Describe one event and print its sample payload'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'whctl;events;help;list'= {
        }
        &'whctl;events;help;show'= {
        }
        &'whctl;events;help;help'= {
        }
        &'whctl;profile'= {
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a profile (or change one with --force)'
            cand set 'Change some fields of a profile, keeping the others'
            cand remove 'Remove a profile'
            cand use 'Make a profile the default'
            cand list 'List the profiles'
            cand show 'Show a profile''s settings and where each comes from; secrets redacted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'whctl;profile;add'= {
            cand --provider 'provider'
            cand --base-url 'API base URL [default: the provider''s live API]'
            cand --identity 'The Identity header (atelio)'
            cand --login-id 'The login id (qolo)'
            cand --program-guid 'The program guid (qolo)'
            cand --api-version 'The API version in paths [default: v1] (qolo)'
            cand --api-key-env 'Read the API key at run time from this environment variable'
            cand --path 'Override an unconfirmed provider path, e.g. --path delete=/api/v1/webhooks/{notification_guid}'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --api-key-stdin 'Read the API key from standard input'
            cand --default 'Make it the default profile'
            cand --force 'Change a profile of the same name: the fields given replace its own, the others are kept (a different --provider replaces the whole profile)'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;profile;set'= {
            cand --base-url 'API base URL [default: the provider''s live API]'
            cand --identity 'The Identity header (atelio)'
            cand --login-id 'The login id (qolo)'
            cand --program-guid 'The program guid (qolo)'
            cand --api-version 'The API version in paths [default: v1] (qolo)'
            cand --api-key-env 'Read the API key at run time from this environment variable'
            cand --path 'Override an unconfirmed provider path, e.g. --path delete=/api/v1/webhooks/{notification_guid}'
            cand --unset 'Clear a field (base_url, identity, login_id, program_guid, api_version, api_key, path.OP, paths); repeatable'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --api-key-stdin 'Read the API key from standard input'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;profile;remove'= {
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;profile;use'= {
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;profile;list'= {
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;profile;show'= {
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;profile;help'= {
            cand add 'Add a profile (or change one with --force)'
            cand set 'Change some fields of a profile, keeping the others'
            cand remove 'Remove a profile'
            cand use 'Make a profile the default'
            cand list 'List the profiles'
            cand show 'Show a profile''s settings and where each comes from; secrets redacted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'whctl;profile;help;add'= {
        }
        &'whctl;profile;help;set'= {
        }
        &'whctl;profile;help;remove'= {
        }
        &'whctl;profile;help;use'= {
        }
        &'whctl;profile;help;list'= {
        }
        &'whctl;profile;help;show'= {
        }
        &'whctl;profile;help;help'= {
        }
        &'whctl;providers'= {
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;subscribe'= {
            cand --url 'Where deliveries go (absolute http(s) URL)'
            cand --events 'Events or patterns (card.*, card*, *.created, *); repeat or separate with commas'
            cand --description 'A description shown in the provider''s dashboard'
            cand --secret-file 'Qolo: use the secret in this file (''-'' for stdin) instead of a generated one'
            cand --secret-out 'Write the new secret to this file (mode 0600) instead of printing it'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --disabled 'Create the subscription disabled'
            cand --callback 'Prune: set the account''s callback URL instead of its event URL'
            cand --dry-run 'Print what would be sent and send nothing'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;list'= {
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --show-secret 'Show each secret in full'
            cand --all-profiles 'Query every profile of the config file at once, in one table'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;get'= {
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --show-secret 'Show the secret in full'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;update'= {
            cand --url 'New delivery URL'
            cand --events 'Replace the events with these patterns'
            cand --add-events 'Add these events or patterns to the current ones'
            cand --remove-events 'Remove the current events matching these patterns'
            cand --description 'New description'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --enable 'Enable the subscription'
            cand --disable 'Disable the subscription (deliveries stop)'
            cand --dry-run 'Print what would be sent and change nothing (reads still go: a URL''s lookup, the current events)'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;delete'= {
            cand --concurrency 'How many deletions run at once'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --dry-run 'Print what would be sent and delete nothing (URLs are still looked up)'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;rotate-secret'= {
            cand --secret-out 'Write the new secret to this file (mode 0600) instead of printing it'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --dry-run 'Print what would be sent and change nothing (reads still go: a URL''s lookup, the subscription)'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;sign'= {
            cand --provider 'provider'
            cand --secret-file 'File holding the webhook secret (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]'
            cand --payload 'The raw body to sign (''-'' or absent: stdin)'
            cand --timestamp 'Unix time to sign at (Atelio) [default: now]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;verify'= {
            cand --provider 'provider'
            cand --secret-file 'File holding the webhook secret (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]'
            cand --header 'A header of the delivery, ''Name: value'' (repeatable)'
            cand --payload 'The raw body as received (''-'' or absent: stdin)'
            cand --tolerance 'How far a timestamp may be from now, in seconds (Atelio)'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;trigger'= {
            cand --provider 'provider'
            cand --to 'Where to send it'
            cand --secret-file 'File holding the webhook secret to sign with (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]'
            cand --override 'Set a field of the body: dotted path = value (JSON, or else a string); repeatable'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;listen'= {
            cand --provider 'provider'
            cand --port 'Port on 127.0.0.1 (0: any free port)'
            cand --secret-file 'File holding the webhook secret to check signatures with (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]'
            cand --forward-to 'Forward each delivery, body and headers unchanged, to this URL'
            cand --tolerance 'Timestamp tolerance for Atelio signatures, in seconds'
            cand --max 'Stop after this many deliveries'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;plan'= {
            cand -f 'The desired-state file'
            cand --file 'The desired-state file'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --prune 'Also delete live subscriptions the file does not name (only in profiles it names)'
            cand --exit-code 'Exit 9 when changes are pending, 0 when none (drift checks in CI)'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;apply'= {
            cand -f 'The desired-state file'
            cand --file 'The desired-state file'
            cand --secrets-out 'Write each new subscription''s secret to DIR/<profile>.<id>.secret (mode 0600)'
            cand --concurrency 'How many changes run at once'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand --prune 'Also delete live subscriptions the file does not name (only in profiles it names)'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;sandbox'= {
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve the providers'' webhook APIs on 127.0.0.1 (Ctrl-C to stop)'
            cand emit 'Make the running sandbox deliver an event to every matching subscription'
            cand deliveries 'List every delivery attempt the running sandbox made'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'whctl;sandbox;serve'= {
            cand --port 'Port on 127.0.0.1 (0: any free port, shown on the ready line)'
            cand --state 'Keep subscriptions and keys in this file (0600), so they survive a restart'
            cand --retry-scale 'Multiply the providers'' retry waits by this (0 to 1; 0.001 makes an hour 3.6 s)'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;sandbox;emit'= {
            cand --provider 'provider'
            cand --override 'Set a field of the body: dotted path = value (JSON, or else a string); repeatable'
            cand --sandbox 'The running sandbox'
            cand --to 'Deliver to this URL instead of the sandbox''s subscriptions (for providers without an API)'
            cand --secret-file 'With --to: file holding the webhook secret to sign with (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;sandbox;deliveries'= {
            cand --sandbox 'The running sandbox'
            cand --jq 'Filter the JSON output with a jq expression; strings print raw (implies -o json)'
            cand -p 'Profile of the config file to use (else its default_profile)'
            cand --profile 'Profile of the config file to use (else its default_profile)'
            cand --config 'Config file [default: <config dir>/whctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, json otherwise]'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --timeout 'Bound on each request, in seconds'
            cand -q 'Print only ids (one per line) or nothing'
            cand --quiet 'Print only ids (one per line) or nothing'
            cand -v 'Log requests to stderr (credentials and secrets redacted)'
            cand --verbose 'Log requests to stderr (credentials and secrets redacted)'
            cand --yes 'Never ask; needed for destructive commands when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'whctl;sandbox;help'= {
            cand serve 'Serve the providers'' webhook APIs on 127.0.0.1 (Ctrl-C to stop)'
            cand emit 'Make the running sandbox deliver an event to every matching subscription'
            cand deliveries 'List every delivery attempt the running sandbox made'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'whctl;sandbox;help;serve'= {
        }
        &'whctl;sandbox;help;emit'= {
        }
        &'whctl;sandbox;help;deliveries'= {
        }
        &'whctl;sandbox;help;help'= {
        }
        &'whctl;help'= {
            cand completions 'Print a shell completion script'
            cand export 'Print the live subscriptions as a desired-state file'
            cand events 'Look up the events each provider can send, and expand patterns'
            cand profile 'Manage profiles (provider credentials) in the config file'
            cand providers 'Show what each provider supports'
            cand subscribe 'Create a webhook subscription'
            cand list 'List the profile''s subscriptions'
            cand get 'Show one subscription'
            cand update 'Change a subscription''s URL, events, description or status'
            cand delete 'Delete subscriptions'
            cand rotate-secret 'Give a subscription a new signing secret'
            cand sign 'Print the signature header(s) a delivery of a body would carry'
            cand verify 'Check a delivery''s signature (exit 8 when it is not valid)'
            cand trigger 'Send a signed sample delivery of an event to a URL'
            cand listen 'Receive deliveries locally: check signatures, forward to your app, print each'
            cand plan 'Show what applying a desired-state file would change'
            cand apply 'Converge the live subscriptions on a desired-state file'
            cand sandbox 'The providers'' webhook APIs on your machine, delivering real signed events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'whctl;help;completions'= {
        }
        &'whctl;help;export'= {
        }
        &'whctl;help;events'= {
            cand list 'List events, optionally only those matching patterns (''card.*'', ''*.created'', ''*'')'
            cand show 'Describe one event and print its sample payload'
        }
        &'whctl;help;events;list'= {
        }
        &'whctl;help;events;show'= {
        }
        &'whctl;help;profile'= {
            cand add 'Add a profile (or change one with --force)'
            cand set 'Change some fields of a profile, keeping the others'
            cand remove 'Remove a profile'
            cand use 'Make a profile the default'
            cand list 'List the profiles'
            cand show 'Show a profile''s settings and where each comes from; secrets redacted'
        }
        &'whctl;help;profile;add'= {
        }
        &'whctl;help;profile;set'= {
        }
        &'whctl;help;profile;remove'= {
        }
        &'whctl;help;profile;use'= {
        }
        &'whctl;help;profile;list'= {
        }
        &'whctl;help;profile;show'= {
        }
        &'whctl;help;providers'= {
        }
        &'whctl;help;subscribe'= {
        }
        &'whctl;help;list'= {
        }
        &'whctl;help;get'= {
        }
        &'whctl;help;update'= {
        }
        &'whctl;help;delete'= {
        }
        &'whctl;help;rotate-secret'= {
        }
        &'whctl;help;sign'= {
        }
        &'whctl;help;verify'= {
        }
        &'whctl;help;trigger'= {
        }
        &'whctl;help;listen'= {
        }
        &'whctl;help;plan'= {
        }
        &'whctl;help;apply'= {
        }
        &'whctl;help;sandbox'= {
            cand serve 'Serve the providers'' webhook APIs on 127.0.0.1 (Ctrl-C to stop)'
            cand emit 'Make the running sandbox deliver an event to every matching subscription'
            cand deliveries 'List every delivery attempt the running sandbox made'
        }
        &'whctl;help;sandbox;serve'= {
        }
        &'whctl;help;sandbox;emit'= {
        }
        &'whctl;help;sandbox;deliveries'= {
        }
        &'whctl;help;help'= {
        }
    ]
    $completions[$command]
}
