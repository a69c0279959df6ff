
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'whctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'whctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'whctl' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the live subscriptions as a desired-state file')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Look up the events each provider can send, and expand patterns')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage profiles (provider credentials) in the config file')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'Show what each provider supports')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'Create a webhook subscription')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profile''s subscriptions')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one subscription')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a subscription''s URL, events, description or status')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete subscriptions')
            [CompletionResult]::new('rotate-secret', 'rotate-secret', [CompletionResultType]::ParameterValue, 'Give a subscription a new signing secret')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the signature header(s) a delivery of a body would carry')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a delivery''s signature (exit 8 when it is not valid)')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send a signed sample delivery of an event to a URL')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries locally: check signatures, forward to your app, print each')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what applying a desired-state file would change')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Converge the live subscriptions on a desired-state file')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'The providers'' webhook APIs on your machine, delivering real signed events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'whctl;completions' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;export' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--all-profiles', '--all-profiles', [CompletionResultType]::ParameterName, 'Export every profile with a webhook API [default: the current profile]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;events' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List events, optionally only those matching patterns (''card.*'', ''*.created'', ''*'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Describe one event and print its sample payload')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'whctl;events;list' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Only this provider''s events [default: every provider]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;events;show' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'The provider, needed when several providers have an event of that name')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;events;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List events, optionally only those matching patterns (''card.*'', ''*.created'', ''*'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Describe one event and print its sample payload')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'whctl;events;help;list' {
            break
        }
        'whctl;events;help;show' {
            break
        }
        'whctl;events;help;help' {
            break
        }
        'whctl;profile' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (or change one with --force)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change some fields of a profile, keeping the others')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile''s settings and where each comes from; secrets redacted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'whctl;profile;add' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'provider')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: the provider''s live API]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The Identity header (atelio)')
            [CompletionResult]::new('--login-id', '--login-id', [CompletionResultType]::ParameterName, 'The login id (qolo)')
            [CompletionResult]::new('--program-guid', '--program-guid', [CompletionResultType]::ParameterName, 'The program guid (qolo)')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'The API version in paths [default: v1] (qolo)')
            [CompletionResult]::new('--api-key-env', '--api-key-env', [CompletionResultType]::ParameterName, 'Read the API key at run time from this environment variable')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Override an unconfirmed provider path, e.g. --path delete=/api/v1/webhooks/{notification_guid}')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--api-key-stdin', '--api-key-stdin', [CompletionResultType]::ParameterName, 'Read the API key from standard input')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make it the default profile')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Change a profile of the same name: the fields given replace its own, the others are kept (a different --provider replaces the whole profile)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;profile;set' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL [default: the provider''s live API]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The Identity header (atelio)')
            [CompletionResult]::new('--login-id', '--login-id', [CompletionResultType]::ParameterName, 'The login id (qolo)')
            [CompletionResult]::new('--program-guid', '--program-guid', [CompletionResultType]::ParameterName, 'The program guid (qolo)')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'The API version in paths [default: v1] (qolo)')
            [CompletionResult]::new('--api-key-env', '--api-key-env', [CompletionResultType]::ParameterName, 'Read the API key at run time from this environment variable')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Override an unconfirmed provider path, e.g. --path delete=/api/v1/webhooks/{notification_guid}')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Clear a field (base_url, identity, login_id, program_guid, api_version, api_key, path.OP, paths); repeatable')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--api-key-stdin', '--api-key-stdin', [CompletionResultType]::ParameterName, 'Read the API key from standard input')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;profile;remove' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;profile;use' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;profile;list' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;profile;show' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;profile;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (or change one with --force)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change some fields of a profile, keeping the others')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile''s settings and where each comes from; secrets redacted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'whctl;profile;help;add' {
            break
        }
        'whctl;profile;help;set' {
            break
        }
        'whctl;profile;help;remove' {
            break
        }
        'whctl;profile;help;use' {
            break
        }
        'whctl;profile;help;list' {
            break
        }
        'whctl;profile;help;show' {
            break
        }
        'whctl;profile;help;help' {
            break
        }
        'whctl;providers' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;subscribe' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where deliveries go (absolute http(s) URL)')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Events or patterns (card.*, card*, *.created, *); repeat or separate with commas')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A description shown in the provider''s dashboard')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Qolo: use the secret in this file (''-'' for stdin) instead of a generated one')
            [CompletionResult]::new('--secret-out', '--secret-out', [CompletionResultType]::ParameterName, 'Write the new secret to this file (mode 0600) instead of printing it')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Create the subscription disabled')
            [CompletionResult]::new('--callback', '--callback', [CompletionResultType]::ParameterName, 'Prune: set the account''s callback URL instead of its event URL')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be sent and send nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;list' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--show-secret', '--show-secret', [CompletionResultType]::ParameterName, 'Show each secret in full')
            [CompletionResult]::new('--all-profiles', '--all-profiles', [CompletionResultType]::ParameterName, 'Query every profile of the config file at once, in one table')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;get' {
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--show-secret', '--show-secret', [CompletionResultType]::ParameterName, 'Show the secret in full')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;update' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'New delivery URL')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Replace the events with these patterns')
            [CompletionResult]::new('--add-events', '--add-events', [CompletionResultType]::ParameterName, 'Add these events or patterns to the current ones')
            [CompletionResult]::new('--remove-events', '--remove-events', [CompletionResultType]::ParameterName, 'Remove the current events matching these patterns')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--enable', '--enable', [CompletionResultType]::ParameterName, 'Enable the subscription')
            [CompletionResult]::new('--disable', '--disable', [CompletionResultType]::ParameterName, 'Disable the subscription (deliveries stop)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be sent and change nothing (reads still go: a URL''s lookup, the current events)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;delete' {
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many deletions run at once')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be sent and delete nothing (URLs are still looked up)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;rotate-secret' {
            [CompletionResult]::new('--secret-out', '--secret-out', [CompletionResultType]::ParameterName, 'Write the new secret to this file (mode 0600) instead of printing it')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be sent and change nothing (reads still go: a URL''s lookup, the subscription)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;sign' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'provider')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'The raw body to sign (''-'' or absent: stdin)')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Unix time to sign at (Atelio) [default: now]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;verify' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'provider')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header of the delivery, ''Name: value'' (repeatable)')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'The raw body as received (''-'' or absent: stdin)')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How far a timestamp may be from now, in seconds (Atelio)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;trigger' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'provider')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to send it')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret to sign with (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]')
            [CompletionResult]::new('--override', '--override', [CompletionResultType]::ParameterName, 'Set a field of the body: dotted path = value (JSON, or else a string); repeatable')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;listen' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'provider')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0: any free port)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret to check signatures with (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Forward each delivery, body and headers unchanged, to this URL')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Timestamp tolerance for Atelio signatures, in seconds')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Stop after this many deliveries')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;plan' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The desired-state file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The desired-state file')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete live subscriptions the file does not name (only in profiles it names)')
            [CompletionResult]::new('--exit-code', '--exit-code', [CompletionResultType]::ParameterName, 'Exit 9 when changes are pending, 0 when none (drift checks in CI)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The desired-state file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The desired-state file')
            [CompletionResult]::new('--secrets-out', '--secrets-out', [CompletionResultType]::ParameterName, 'Write each new subscription''s secret to DIR/<profile>.<id>.secret (mode 0600)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many changes run at once')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete live subscriptions the file does not name (only in profiles it names)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;sandbox' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the providers'' webhook APIs on 127.0.0.1 (Ctrl-C to stop)')
            [CompletionResult]::new('emit', 'emit', [CompletionResultType]::ParameterValue, 'Make the running sandbox deliver an event to every matching subscription')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'List every delivery attempt the running sandbox made')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'whctl;sandbox;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0: any free port, shown on the ready line)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Keep subscriptions and keys in this file (0600), so they survive a restart')
            [CompletionResult]::new('--retry-scale', '--retry-scale', [CompletionResultType]::ParameterName, 'Multiply the providers'' retry waits by this (0 to 1; 0.001 makes an hour 3.6 s)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;sandbox;emit' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'provider')
            [CompletionResult]::new('--override', '--override', [CompletionResultType]::ParameterName, 'Set a field of the body: dotted path = value (JSON, or else a string); repeatable')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The running sandbox')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Deliver to this URL instead of the sandbox''s subscriptions (for providers without an API)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'With --to: file holding the webhook secret to sign with (''-'' for stdin) [or WHCTL_WEBHOOK_SECRET]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;sandbox;deliveries' {
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The running sandbox')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression; strings print raw (implies -o json)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use (else its default_profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/whctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Bound on each request, in seconds')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids (one per line) or nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests to stderr (credentials and secrets redacted)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never ask; needed for destructive commands when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'whctl;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the providers'' webhook APIs on 127.0.0.1 (Ctrl-C to stop)')
            [CompletionResult]::new('emit', 'emit', [CompletionResultType]::ParameterValue, 'Make the running sandbox deliver an event to every matching subscription')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'List every delivery attempt the running sandbox made')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'whctl;sandbox;help;serve' {
            break
        }
        'whctl;sandbox;help;emit' {
            break
        }
        'whctl;sandbox;help;deliveries' {
            break
        }
        'whctl;sandbox;help;help' {
            break
        }
        'whctl;help' {
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the live subscriptions as a desired-state file')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Look up the events each provider can send, and expand patterns')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage profiles (provider credentials) in the config file')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'Show what each provider supports')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'Create a webhook subscription')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profile''s subscriptions')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one subscription')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a subscription''s URL, events, description or status')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete subscriptions')
            [CompletionResult]::new('rotate-secret', 'rotate-secret', [CompletionResultType]::ParameterValue, 'Give a subscription a new signing secret')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the signature header(s) a delivery of a body would carry')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a delivery''s signature (exit 8 when it is not valid)')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send a signed sample delivery of an event to a URL')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries locally: check signatures, forward to your app, print each')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what applying a desired-state file would change')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Converge the live subscriptions on a desired-state file')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'The providers'' webhook APIs on your machine, delivering real signed events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'whctl;help;completions' {
            break
        }
        'whctl;help;export' {
            break
        }
        'whctl;help;events' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List events, optionally only those matching patterns (''card.*'', ''*.created'', ''*'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Describe one event and print its sample payload')
            break
        }
        'whctl;help;events;list' {
            break
        }
        'whctl;help;events;show' {
            break
        }
        'whctl;help;profile' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (or change one with --force)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change some fields of a profile, keeping the others')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile''s settings and where each comes from; secrets redacted')
            break
        }
        'whctl;help;profile;add' {
            break
        }
        'whctl;help;profile;set' {
            break
        }
        'whctl;help;profile;remove' {
            break
        }
        'whctl;help;profile;use' {
            break
        }
        'whctl;help;profile;list' {
            break
        }
        'whctl;help;profile;show' {
            break
        }
        'whctl;help;providers' {
            break
        }
        'whctl;help;subscribe' {
            break
        }
        'whctl;help;list' {
            break
        }
        'whctl;help;get' {
            break
        }
        'whctl;help;update' {
            break
        }
        'whctl;help;delete' {
            break
        }
        'whctl;help;rotate-secret' {
            break
        }
        'whctl;help;sign' {
            break
        }
        'whctl;help;verify' {
            break
        }
        'whctl;help;trigger' {
            break
        }
        'whctl;help;listen' {
            break
        }
        'whctl;help;plan' {
            break
        }
        'whctl;help;apply' {
            break
        }
        'whctl;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the providers'' webhook APIs on 127.0.0.1 (Ctrl-C to stop)')
            [CompletionResult]::new('emit', 'emit', [CompletionResultType]::ParameterValue, 'Make the running sandbox deliver an event to every matching subscription')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'List every delivery attempt the running sandbox made')
            break
        }
        'whctl;help;sandbox;serve' {
            break
        }
        'whctl;help;sandbox;emit' {
            break
        }
        'whctl;help;sandbox;deliveries' {
            break
        }
        'whctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
