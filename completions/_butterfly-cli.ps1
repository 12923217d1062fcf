
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'butterfly-cli' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'butterfly-cli'
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
        'butterfly-cli' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('debug', 'debug', [CompletionResultType]::ParameterValue, 'Open the interactive console (REPL)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a script of console commands, one a line')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Start a local demo cluster and open the console on it')
            [CompletionResult]::new('certs', 'certs', [CompletionResultType]::ParameterValue, 'Make a development CA and node/operator certificates')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'The JSON Schema of a command''s `-o json` output (e.g. `schema cluster status`)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Cluster-wide views')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'One node''s identity, health and audit trail')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The console''s own tamper-evident audit trail')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Inject and clear faults on nodes; list detected Byzantine faults')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'Query the cluster''s Prometheus (PromQL): instant tables, range sparklines')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Follow one request across the cluster; replay a recorded one')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Query log lines (Loki, or the nodes'' buffers)')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Profile nodes (CPU, heap): sessions held by the nodes, bounded, admin role')
            [CompletionResult]::new('flamegraph', 'flamegraph', [CompletionResultType]::ParameterValue, 'Render the nodes'' profiles (merged, folded, pprof, top) or diff two saved ones')
            [CompletionResult]::new('connections', 'connections', [CompletionResultType]::ParameterValue, 'Every connection the nodes hold: data plane, probes, consensus, membership, debug clients')
            [CompletionResult]::new('latency', 'latency', [CompletionResultType]::ParameterValue, 'Round-trip times between the nodes, as an N×N matrix')
            [CompletionResult]::new('packet', 'packet', [CompletionResultType]::ParameterValue, 'Capture packets on nodes into one pcapng (admin role)')
            [CompletionResult]::new('state', 'state', [CompletionResultType]::ParameterValue, 'A node''s state as hashed sections; compare nodes section by section')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Re-hash checkpoints; probe a suspect node layer by layer')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Live console of the whole cluster: nodes, layers, requests, links, events (q quits)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;debug' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;run' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Variables for `${name}`, as name=value (repeatable)')
            [CompletionResult]::new('--stop-on', '--stop-on', [CompletionResultType]::ParameterName, 'Stop at the first step that fails (`error`, the default: partial results go on) or that is not fully ok (`partial`)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Run every line whatever the earlier ones returned')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'With `-o json`: one JSON line per step as it ends, then the summary line (NDJSON)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Only parse every line (variables included) and report problems; run nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;demo' {
            [CompletionResult]::new('--coordinators', '--coordinators', [CompletionResultType]::ParameterName, 'Coordinators')
            [CompletionResult]::new('--compute', '--compute', [CompletionResultType]::ParameterName, 'Compute nodes')
            [CompletionResult]::new('--observers', '--observers', [CompletionResultType]::ParameterName, 'Observers')
            [CompletionResult]::new('--swarm', '--swarm', [CompletionResultType]::ParameterName, 'Extra virtual compute nodes served by one swarm process (at most 10,000)')
            [CompletionResult]::new('--checkpoint-interval', '--checkpoint-interval', [CompletionResultType]::ParameterName, 'Time between compute nodes'' checkpoints, e.g. `10s`')
            [CompletionResult]::new('--load', '--load', [CompletionResultType]::ParameterName, 'Background inference requests per second sent to the coordinators (0 = none)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-prometheus', '--no-prometheus', [CompletionResultType]::ParameterName, 'Do not start Prometheus even when it is installed')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the cluster; stays in the foreground until Ctrl-C unless --detach')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a detached demo cluster')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The demo''s processes and addresses')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;demo;up' {
            [CompletionResult]::new('--coordinators', '--coordinators', [CompletionResultType]::ParameterName, 'Coordinators')
            [CompletionResult]::new('--compute', '--compute', [CompletionResultType]::ParameterName, 'Compute nodes')
            [CompletionResult]::new('--observers', '--observers', [CompletionResultType]::ParameterName, 'Observers')
            [CompletionResult]::new('--swarm', '--swarm', [CompletionResultType]::ParameterName, 'Extra virtual compute nodes served by one swarm process (at most 10,000)')
            [CompletionResult]::new('--checkpoint-interval', '--checkpoint-interval', [CompletionResultType]::ParameterName, 'Time between compute nodes'' checkpoints, e.g. `10s`')
            [CompletionResult]::new('--load', '--load', [CompletionResultType]::ParameterName, 'Background inference requests per second sent to the coordinators (0 = none)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Leave the cluster running and return')
            [CompletionResult]::new('--no-prometheus', '--no-prometheus', [CompletionResultType]::ParameterName, 'Do not start Prometheus even when it is installed')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;demo;down' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;demo;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;demo;restart' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--kill', '--kill', [CompletionResultType]::ParameterName, 'Kill it with SIGKILL (a crash) instead of stopping it')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;demo;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the cluster; stays in the foreground until Ctrl-C unless --detach')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a detached demo cluster')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The demo''s processes and addresses')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;demo;help;up' {
            break
        }
        'butterfly-cli;demo;help;down' {
            break
        }
        'butterfly-cli;demo;help;status' {
            break
        }
        'butterfly-cli;demo;help;restart' {
            break
        }
        'butterfly-cli;demo;help;help' {
            break
        }
        'butterfly-cli;certs' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a development CA (ca.pem, ca-key.pem)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a certificate signed by the CA')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;certs;init' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Directory for the files [default: $XDG_CONFIG_HOME/butterfly-cli/certs]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Validity in days')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing CA')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;certs;issue' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Holder name (operator or node id), the certificate''s CN; also the file name')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role carried in the certificate')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Directory holding the CA and receiving the files [default: as `certs init`]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Validity in days')
            [CompletionResult]::new('--san', '--san', [CompletionResultType]::ParameterName, 'Extra subject alternative names (DNS names or IPs); nodes always get 127.0.0.1, ::1, localhost and their name')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing files')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;certs;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a development CA (ca.pem, ca-key.pem)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a certificate signed by the CA')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;certs;help;init' {
            break
        }
        'butterfly-cli;certs;help;issue' {
            break
        }
        'butterfly-cli;certs;help;help' {
            break
        }
        'butterfly-cli;completions' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;schema' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;cluster' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every member: role, address, reachability, health, consensus, uptime, version')
            [CompletionResult]::new('remove-member', 'remove-member', [CompletionResultType]::ParameterValue, 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;cluster;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Ask every node for its status (one mTLS call per member) instead of reading a coordinator''s summaries: exact figures of this instant, round-trip times, requests in flight; for when the coordinators are the problem')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'The default since session 8 (kept so scripts that pass it still work)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;cluster;remove-member' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;cluster;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every member: role, address, reachability, health, consensus, uptime, version')
            [CompletionResult]::new('remove-member', 'remove-member', [CompletionResultType]::ParameterValue, 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;cluster;help;status' {
            break
        }
        'butterfly-cli;cluster;help;remove-member' {
            break
        }
        'butterfly-cli;cluster;help;help' {
            break
        }
        'butterfly-cli;node' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Identity: id, role, version, uptime, addresses, pid')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Health summary; `--deep` checks each component')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The node''s own audit log of debug RPCs (admin role)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;node;info' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;node;health' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--deep', '--deep', [CompletionResultType]::ParameterName, 'Component-by-component health (consensus, network, resources)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;node;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;node;audit' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Newest records to show')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records from this long ago on (e.g. `10m`)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only records up to this long ago (e.g. `1m`)')
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'Only calls by this principal (certificate CN)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'Only this method (e.g. `GetStatus`)')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome (`ok`, `denied`, or a gRPC code name)')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Skip this many of the newest matching records (page back)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;node;help' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Identity: id, role, version, uptime, addresses, pid')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Health summary; `--deep` checks each component')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The node''s own audit log of debug RPCs (admin role)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;node;help;info' {
            break
        }
        'butterfly-cli;node;help;health' {
            break
        }
        'butterfly-cli;node;help;status' {
            break
        }
        'butterfly-cli;node;help;audit' {
            break
        }
        'butterfly-cli;node;help;help' {
            break
        }
        'butterfly-cli;audit' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The newest commands with who ran them and how they ended')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Prove the hash chain is intact, or name every broken record (exit 1)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;audit;show' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many commands, the newest (`--last` is the old name)')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'How many commands, the newest (`--last` is the old name)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Audit log file [default: $XDG_STATE_HOME/butterfly-cli/audit.jsonl or BUTTERFLY_AUDIT_LOG]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;audit;verify' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Audit log file [default: as `show`]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--against-nodes', '--against-nodes', [CompletionResultType]::ParameterName, 'Also cross-check against the copies the nodes keep: each command''s intent record is sent (as CHAIN/SEQ/HASH) with every call it makes, and the nodes'' audit trails keep it; a truncated tail or a re-hashed rewrite no longer matches (admin role)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;audit;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The newest commands with who ran them and how they ended')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Prove the hash chain is intact, or name every broken record (exit 1)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;audit;help;show' {
            break
        }
        'butterfly-cli;audit;help;verify' {
            break
        }
        'butterfly-cli;audit;help;help' {
            break
        }
        'butterfly-cli;fault' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('inject', 'inject', [CompletionResultType]::ParameterValue, 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Clear every fault on a node (admin role)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Byzantine faults detected by the coordinators, with evidence')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;fault;inject' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;fault;clear' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;fault;list' {
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only faults against this node')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Newest N')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;fault;help' {
            [CompletionResult]::new('inject', 'inject', [CompletionResultType]::ParameterValue, 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Clear every fault on a node (admin role)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Byzantine faults detected by the coordinators, with evidence')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;fault;help;inject' {
            break
        }
        'butterfly-cli;fault;help;clear' {
            break
        }
        'butterfly-cli;fault;help;list' {
            break
        }
        'butterfly-cli;fault;help;help' {
            break
        }
        'butterfly-cli;metrics' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a PromQL query: instant (table) or `--range` (sparklines)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;metrics;query' {
            [CompletionResult]::new('--time', '--time', [CompletionResultType]::ParameterName, 'Evaluation time (end of the range with `--range`): RFC 3339 (`2026-01-02T15:04:05Z`) or unix seconds [default: now]')
            [CompletionResult]::new('--range', '--range', [CompletionResultType]::ParameterName, 'Make it a range query over this long, ending at `--time`, e.g. `1h`, `15m`')
            [CompletionResult]::new('--step', '--step', [CompletionResultType]::ParameterName, 'Resolution of a range query, e.g. `30s` [default: range / 60, at least 1s]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Most series listed, in Prometheus'' order (the JSON says how many there were)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;metrics;help' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a PromQL query: instant (table) or `--range` (sparklines)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;metrics;help;query' {
            break
        }
        'butterfly-cli;metrics;help;help' {
            break
        }
        'butterfly-cli;request' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one''s critical path')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Run a recorded request again and compare the two runs stage by stage (admin role)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;request;trace' {
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Least level of the log lines shown: TRACE, DEBUG, INFO, WARN or ERROR [default: TRACE]')
            [CompletionResult]::new('--min-duration', '--min-duration', [CompletionResultType]::ParameterName, 'Fold spans shorter than this into their parent''s row (e.g. `1ms`); spans on the critical path, failed or Byzantine ones are always shown')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the spans come from')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back Jaeger is searched for a request id')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--logs', '--logs', [CompletionResultType]::ParameterName, 'Show the trace''s log lines [default]')
            [CompletionResult]::new('--no-logs', '--no-logs', [CompletionResultType]::ParameterName, 'Leave the log lines out')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;request;search' {
            [CompletionResult]::new('--min-duration', '--min-duration', [CompletionResultType]::ParameterName, 'Only traces at least this long (measured on `--operation`''s span when given, else the whole trace), e.g. `100ms`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'Only traces with a span of this name (e.g. `inference.request`); its longest span is the trace''s duration')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only traces with a span recorded by this node')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only traces with this outcome')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to search')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Most traces listed')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the spans come from')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;request;replay' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;request;help' {
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one''s critical path')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Run a recorded request again and compare the two runs stage by stage (admin role)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;request;help;trace' {
            break
        }
        'butterfly-cli;request;help;search' {
            break
        }
        'butterfly-cli;request;help;replay' {
            break
        }
        'butterfly-cli;request;help;help' {
            break
        }
        'butterfly-cli;logs' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes'' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;logs;query' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back to look')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Most lines shown (the newest)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the lines come from')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new lines as they arrive, until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new lines as they arrive, until Ctrl-C')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;logs;help' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes'' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;logs;help;query' {
            break
        }
        'butterfly-cli;logs;help;help' {
            break
        }
        'butterfly-cli;profile' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Sessions running or finished on every node: who started them, elapsed, samples')
            [CompletionResult]::new('cpu', 'cpu', [CompletionResultType]::ParameterValue, 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;profile;start' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'What to sample')
            [CompletionResult]::new('--frequency', '--frequency', [CompletionResultType]::ParameterName, 'CPU samples a second (at most 1000)')
            [CompletionResult]::new('--max-duration', '--max-duration', [CompletionResultType]::ParameterName, 'The node stops the session by itself after this long (at most 10m)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every member')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;profile;stop' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which session')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;profile;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;profile;cpu' {
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to sample (at most 10m)')
            [CompletionResult]::new('--frequency', '--frequency', [CompletionResultType]::ParameterName, 'CPU samples a second (at most 1000)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'With several nodes: each node a root frame (`nodes`), or the same functions summed (`functions`)')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Functions listed by `--format top`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every member')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;profile;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Sessions running or finished on every node: who started them, elapsed, samples')
            [CompletionResult]::new('cpu', 'cpu', [CompletionResultType]::ParameterValue, 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;profile;help;start' {
            break
        }
        'butterfly-cli;profile;help;stop' {
            break
        }
        'butterfly-cli;profile;help;status' {
            break
        }
        'butterfly-cli;profile;help;cpu' {
            break
        }
        'butterfly-cli;profile;help;help' {
            break
        }
        'butterfly-cli;flamegraph' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Fetch the nodes'' profiles (stopping running sessions) and render them (admin role)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;flamegraph;generate' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Profile kind')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'With several nodes: each node a root frame (`nodes`), or the same functions summed (`functions`)')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Functions listed by `--format top`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every member')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;flamegraph;diff' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Output SVG [default: a new file in the current directory]')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Output SVG [default: a new file in the current directory]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-normalize', '--no-normalize', [CompletionResultType]::ParameterName, 'Compare raw counts instead of scaling both profiles to the same total first')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;flamegraph;render' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Output file [default: a new SVG in the current directory; folded and top print]')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Output file [default: a new SVG in the current directory; folded and top print]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (svg, folded or top)')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Functions listed by `--format top`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;flamegraph;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Fetch the nodes'' profiles (stopping running sessions) and render them (admin role)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;flamegraph;help;generate' {
            break
        }
        'butterfly-cli;flamegraph;help;diff' {
            break
        }
        'butterfly-cli;flamegraph;help;render' {
            break
        }
        'butterfly-cli;flamegraph;help;help' {
            break
        }
        'butterfly-cli;connections' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;connections;list' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only connections of this kind: data, probe, data-probe, consensus, membership, debug-client')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;connections;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;connections;help;list' {
            break
        }
        'butterfly-cli;connections;help;help' {
            break
        }
        'butterfly-cli;latency' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('matrix', 'matrix', [CompletionResultType]::ParameterValue, 'N×N matrix of round-trip times between the nodes (every member when none is named)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;latency;matrix' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Pings per link and path')
            [CompletionResult]::new('--ping-timeout', '--ping-timeout', [CompletionResultType]::ParameterName, 'Deadline of one ping, e.g. `500ms`')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between refreshes with --watch')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'With --watch, stop after this many matrices (0 = until Ctrl-C)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Refresh the matrix until Ctrl-C')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;latency;help' {
            [CompletionResult]::new('matrix', 'matrix', [CompletionResultType]::ParameterValue, 'N×N matrix of round-trip times between the nodes (every member when none is named)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;latency;help;matrix' {
            break
        }
        'butterfly-cli;latency;help;help' {
            break
        }
        'butterfly-cli;packet' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('capture', 'capture', [CompletionResultType]::ParameterValue, 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;packet;capture' {
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long the one-shot capture runs')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Where to write the pcapng; `-` streams it to stdout as packets arrive [default: butterfly-capture-<time>.pcapng]')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Where to write the pcapng; `-` streams it to stdout as packets arrive [default: butterfly-capture-<time>.pcapng]')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'BPF filter (tcpdump syntax), applied in the kernel (libpcap) and to tapped packets alike')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Packet source on each node')
            [CompletionResult]::new('--snaplen', '--snaplen', [CompletionResultType]::ParameterName, 'Bytes kept per packet [default: 65535]')
            [CompletionResult]::new('--max-duration', '--max-duration', [CompletionResultType]::ParameterName, 'Session limit: duration [default: 30s; at most 10m]')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Session limit: bytes kept on each node, e.g. `64MiB` [default: 64MiB; at most 256MiB]')
            [CompletionResult]::new('--max-packets', '--max-packets', [CompletionResultType]::ParameterName, 'Session limit: packets [default: none]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a capture session on each node (held by the node until `stop` or its limit)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The capture sessions of the nodes (every member when none is named)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the sessions and write every node''s packets into one pcapng')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;packet;capture;start' {
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'BPF filter (tcpdump syntax), applied in the kernel (libpcap) and to tapped packets alike')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Packet source on each node')
            [CompletionResult]::new('--snaplen', '--snaplen', [CompletionResultType]::ParameterName, 'Bytes kept per packet [default: 65535]')
            [CompletionResult]::new('--max-duration', '--max-duration', [CompletionResultType]::ParameterName, 'Session limit: duration [default: 30s; at most 10m]')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Session limit: bytes kept on each node, e.g. `64MiB` [default: 64MiB; at most 256MiB]')
            [CompletionResult]::new('--max-packets', '--max-packets', [CompletionResultType]::ParameterName, 'Session limit: packets [default: none]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;packet;capture;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;packet;capture;stop' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Where to write the pcapng; `-` = stdout [default: butterfly-capture-<time>.pcapng]')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Where to write the pcapng; `-` = stdout [default: butterfly-capture-<time>.pcapng]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--discard', '--discard', [CompletionResultType]::ParameterName, 'Drop the packets instead of writing them')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;packet;capture;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a capture session on each node (held by the node until `stop` or its limit)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The capture sessions of the nodes (every member when none is named)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the sessions and write every node''s packets into one pcapng')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;packet;capture;help;start' {
            break
        }
        'butterfly-cli;packet;capture;help;status' {
            break
        }
        'butterfly-cli;packet;capture;help;stop' {
            break
        }
        'butterfly-cli;packet;capture;help;help' {
            break
        }
        'butterfly-cli;packet;help' {
            [CompletionResult]::new('capture', 'capture', [CompletionResultType]::ParameterValue, 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;packet;help;capture' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a capture session on each node (held by the node until `stop` or its limit)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The capture sessions of the nodes (every member when none is named)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the sessions and write every node''s packets into one pcapng')
            break
        }
        'butterfly-cli;packet;help;capture;start' {
            break
        }
        'butterfly-cli;packet;help;capture;status' {
            break
        }
        'butterfly-cli;packet;help;capture;stop' {
            break
        }
        'butterfly-cli;packet;help;help' {
            break
        }
        'butterfly-cli;state' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'A node''s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;state;dump' {
            [CompletionResult]::new('--section', '--section', [CompletionResultType]::ParameterName, 'Only this section (printed in full)')
            [CompletionResult]::new('--page-bytes', '--page-bytes', [CompletionResultType]::ParameterName, 'Bytes per page asked of the node (it caps pages at 1 MiB) [default: 256 KiB]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;state;diff' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'With --all: only this role (coordinator, compute, observer)')
            [CompletionResult]::new('--section', '--section', [CompletionResultType]::ParameterName, 'Compare only this section (any section, per-node ones included)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Most differing keys listed per section (the first, by key)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Compare every member (or every member of --role)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;state;help' {
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'A node''s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;state;help;dump' {
            break
        }
        'butterfly-cli;state;help;diff' {
            break
        }
        'butterfly-cli;state;help;help' {
            break
        }
        'butterfly-cli;verify' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)')
            [CompletionResult]::new('evidence', 'evidence', [CompletionResultType]::ParameterValue, 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;verify;checkpoint' {
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Only this node')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Re-hash this percentage of the objects, e.g. `25` or `25%` [default: 100]')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Objects hashed at once per node (the node caps it at 16) [default: 4]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--latest', '--latest', [CompletionResultType]::ParameterName, 'Each node''s latest checkpoint')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;verify;node' {
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Probe input text [default: a fixed probe]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Write the evidence record (JSON) here')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Write the evidence record (JSON) here')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--all-layers', '--all-layers', [CompletionResultType]::ParameterName, 'Keep probing after the first divergent layer')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;verify;evidence' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--rerun', '--rerun', [CompletionResultType]::ParameterName, 'Run the recorded probe again through the same node and compare')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;verify;help' {
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)')
            [CompletionResult]::new('evidence', 'evidence', [CompletionResultType]::ParameterValue, 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;verify;help;checkpoint' {
            break
        }
        'butterfly-cli;verify;help;node' {
            break
        }
        'butterfly-cli;verify;help;evidence' {
            break
        }
        'butterfly-cli;verify;help;help' {
            break
        }
        'butterfly-cli;top' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between two polls of each source, e.g. `2s`')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Deadline of one poll of one source; past it the panel keeps its last data and shows the error, e.g. `10s`')
            [CompletionResult]::new('--min-replicas', '--min-replicas', [CompletionResultType]::ParameterName, 'Healthy replicas each layer should have; layers below are flagged')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from the config file [default: the file''s `default_profile`, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) that signed the nodes'' certificates')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Operator client certificate (PEM); its CN names you and its OU carries your role')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM) of the operator certificate')
            [CompletionResult]::new('--seeds', '--seeds', [CompletionResultType]::ParameterName, 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Ask every node for its status (the fan-out of `cluster status`) instead of reading every node''s heartbeat summary from one coordinator; for when the coordinators are the problem')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Disable colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'butterfly-cli;help' {
            [CompletionResult]::new('debug', 'debug', [CompletionResultType]::ParameterValue, 'Open the interactive console (REPL)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a script of console commands, one a line')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Start a local demo cluster and open the console on it')
            [CompletionResult]::new('certs', 'certs', [CompletionResultType]::ParameterValue, 'Make a development CA and node/operator certificates')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'The JSON Schema of a command''s `-o json` output (e.g. `schema cluster status`)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Cluster-wide views')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'One node''s identity, health and audit trail')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The console''s own tamper-evident audit trail')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Inject and clear faults on nodes; list detected Byzantine faults')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'Query the cluster''s Prometheus (PromQL): instant tables, range sparklines')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Follow one request across the cluster; replay a recorded one')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Query log lines (Loki, or the nodes'' buffers)')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Profile nodes (CPU, heap): sessions held by the nodes, bounded, admin role')
            [CompletionResult]::new('flamegraph', 'flamegraph', [CompletionResultType]::ParameterValue, 'Render the nodes'' profiles (merged, folded, pprof, top) or diff two saved ones')
            [CompletionResult]::new('connections', 'connections', [CompletionResultType]::ParameterValue, 'Every connection the nodes hold: data plane, probes, consensus, membership, debug clients')
            [CompletionResult]::new('latency', 'latency', [CompletionResultType]::ParameterValue, 'Round-trip times between the nodes, as an N×N matrix')
            [CompletionResult]::new('packet', 'packet', [CompletionResultType]::ParameterValue, 'Capture packets on nodes into one pcapng (admin role)')
            [CompletionResult]::new('state', 'state', [CompletionResultType]::ParameterValue, 'A node''s state as hashed sections; compare nodes section by section')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Re-hash checkpoints; probe a suspect node layer by layer')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Live console of the whole cluster: nodes, layers, requests, links, events (q quits)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'butterfly-cli;help;debug' {
            break
        }
        'butterfly-cli;help;run' {
            break
        }
        'butterfly-cli;help;demo' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the cluster; stays in the foreground until Ctrl-C unless --detach')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a detached demo cluster')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The demo''s processes and addresses')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready')
            break
        }
        'butterfly-cli;help;demo;up' {
            break
        }
        'butterfly-cli;help;demo;down' {
            break
        }
        'butterfly-cli;help;demo;status' {
            break
        }
        'butterfly-cli;help;demo;restart' {
            break
        }
        'butterfly-cli;help;certs' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a development CA (ca.pem, ca-key.pem)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a certificate signed by the CA')
            break
        }
        'butterfly-cli;help;certs;init' {
            break
        }
        'butterfly-cli;help;certs;issue' {
            break
        }
        'butterfly-cli;help;completions' {
            break
        }
        'butterfly-cli;help;schema' {
            break
        }
        'butterfly-cli;help;cluster' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every member: role, address, reachability, health, consensus, uptime, version')
            [CompletionResult]::new('remove-member', 'remove-member', [CompletionResultType]::ParameterValue, 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)')
            break
        }
        'butterfly-cli;help;cluster;status' {
            break
        }
        'butterfly-cli;help;cluster;remove-member' {
            break
        }
        'butterfly-cli;help;node' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Identity: id, role, version, uptime, addresses, pid')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Health summary; `--deep` checks each component')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The node''s own audit log of debug RPCs (admin role)')
            break
        }
        'butterfly-cli;help;node;info' {
            break
        }
        'butterfly-cli;help;node;health' {
            break
        }
        'butterfly-cli;help;node;status' {
            break
        }
        'butterfly-cli;help;node;audit' {
            break
        }
        'butterfly-cli;help;audit' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The newest commands with who ran them and how they ended')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Prove the hash chain is intact, or name every broken record (exit 1)')
            break
        }
        'butterfly-cli;help;audit;show' {
            break
        }
        'butterfly-cli;help;audit;verify' {
            break
        }
        'butterfly-cli;help;fault' {
            [CompletionResult]::new('inject', 'inject', [CompletionResultType]::ParameterValue, 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Clear every fault on a node (admin role)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Byzantine faults detected by the coordinators, with evidence')
            break
        }
        'butterfly-cli;help;fault;inject' {
            break
        }
        'butterfly-cli;help;fault;clear' {
            break
        }
        'butterfly-cli;help;fault;list' {
            break
        }
        'butterfly-cli;help;metrics' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a PromQL query: instant (table) or `--range` (sparklines)')
            break
        }
        'butterfly-cli;help;metrics;query' {
            break
        }
        'butterfly-cli;help;request' {
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one''s critical path')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Run a recorded request again and compare the two runs stage by stage (admin role)')
            break
        }
        'butterfly-cli;help;request;trace' {
            break
        }
        'butterfly-cli;help;request;search' {
            break
        }
        'butterfly-cli;help;request;replay' {
            break
        }
        'butterfly-cli;help;logs' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes'' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`')
            break
        }
        'butterfly-cli;help;logs;query' {
            break
        }
        'butterfly-cli;help;profile' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Sessions running or finished on every node: who started them, elapsed, samples')
            [CompletionResult]::new('cpu', 'cpu', [CompletionResultType]::ParameterValue, 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)')
            break
        }
        'butterfly-cli;help;profile;start' {
            break
        }
        'butterfly-cli;help;profile;stop' {
            break
        }
        'butterfly-cli;help;profile;status' {
            break
        }
        'butterfly-cli;help;profile;cpu' {
            break
        }
        'butterfly-cli;help;flamegraph' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Fetch the nodes'' profiles (stopping running sessions) and render them (admin role)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)')
            break
        }
        'butterfly-cli;help;flamegraph;generate' {
            break
        }
        'butterfly-cli;help;flamegraph;diff' {
            break
        }
        'butterfly-cli;help;flamegraph;render' {
            break
        }
        'butterfly-cli;help;connections' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy')
            break
        }
        'butterfly-cli;help;connections;list' {
            break
        }
        'butterfly-cli;help;latency' {
            [CompletionResult]::new('matrix', 'matrix', [CompletionResultType]::ParameterValue, 'N×N matrix of round-trip times between the nodes (every member when none is named)')
            break
        }
        'butterfly-cli;help;latency;matrix' {
            break
        }
        'butterfly-cli;help;packet' {
            [CompletionResult]::new('capture', 'capture', [CompletionResultType]::ParameterValue, 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)')
            break
        }
        'butterfly-cli;help;packet;capture' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a capture session on each node (held by the node until `stop` or its limit)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The capture sessions of the nodes (every member when none is named)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the sessions and write every node''s packets into one pcapng')
            break
        }
        'butterfly-cli;help;packet;capture;start' {
            break
        }
        'butterfly-cli;help;packet;capture;status' {
            break
        }
        'butterfly-cli;help;packet;capture;stop' {
            break
        }
        'butterfly-cli;help;state' {
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'A node''s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index')
            break
        }
        'butterfly-cli;help;state;dump' {
            break
        }
        'butterfly-cli;help;state;diff' {
            break
        }
        'butterfly-cli;help;verify' {
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)')
            [CompletionResult]::new('evidence', 'evidence', [CompletionResultType]::ParameterValue, 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence')
            break
        }
        'butterfly-cli;help;verify;checkpoint' {
            break
        }
        'butterfly-cli;help;verify;node' {
            break
        }
        'butterfly-cli;help;verify;evidence' {
            break
        }
        'butterfly-cli;help;top' {
            break
        }
        'butterfly-cli;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
