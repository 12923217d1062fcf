# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_butterfly_cli_global_optspecs
    string join \n p/profile= config= o/output= timeout= ca= cert= key= seeds= no-color h/help V/version
end

function __fish_butterfly_cli_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_butterfly_cli_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_butterfly_cli_using_subcommand
    set -l cmd (__fish_butterfly_cli_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "debug" -d 'Open the interactive console (REPL)'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "run" -d 'Run a script of console commands, one a line'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "demo" -d 'Start a local demo cluster and open the console on it'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "certs" -d 'Make a development CA and node/operator certificates'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "schema" -d 'The JSON Schema of a command\'s `-o json` output (e.g. `schema cluster status`)'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "cluster" -d 'Cluster-wide views'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "node" -d 'One node\'s identity, health and audit trail'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "audit" -d 'The console\'s own tamper-evident audit trail'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "fault" -d 'Inject and clear faults on nodes; list detected Byzantine faults'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "metrics" -d 'Query the cluster\'s Prometheus (PromQL): instant tables, range sparklines'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "request" -d 'Follow one request across the cluster; replay a recorded one'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "logs" -d 'Query log lines (Loki, or the nodes\' buffers)'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "profile" -d 'Profile nodes (CPU, heap): sessions held by the nodes, bounded, admin role'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "flamegraph" -d 'Render the nodes\' profiles (merged, folded, pprof, top) or diff two saved ones'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "connections" -d 'Every connection the nodes hold: data plane, probes, consensus, membership, debug clients'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "latency" -d 'Round-trip times between the nodes, as an N×N matrix'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "packet" -d 'Capture packets on nodes into one pcapng (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "state" -d 'A node\'s state as hashed sections; compare nodes section by section'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "verify" -d 'Re-hash checkpoints; probe a suspect node layer by layer'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "top" -d 'Live console of the whole cluster: nodes, layers, requests, links, events (q quits)'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l set -d 'Variables for `${name}`, as name=value (repeatable)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l stop-on -d 'Stop at the first step that fails (`error`, the default: partial results go on) or that is not fully ok (`partial`)' -r -f -a "error\t'At the first step that fails (exit 1, 2, 4): partial results (exit 3) go on [default]'
partial\t'At the first step that is not fully ok (partial included)'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l keep-going -d 'Run every line whatever the earlier ones returned'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l stream -d 'With `-o json`: one JSON line per step as it ends, then the summary line (NDJSON)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l check -d 'Only parse every line (variables included) and report problems; run nothing'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l coordinators -d 'Coordinators' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l compute -d 'Compute nodes' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l observers -d 'Observers' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l swarm -d 'Extra virtual compute nodes served by one swarm process (at most 10,000)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l checkpoint-interval -d 'Time between compute nodes\' checkpoints, e.g. `10s`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l load -d 'Background inference requests per second sent to the coordinators (0 = none)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l no-prometheus -d 'Do not start Prometheus even when it is installed'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -f -a "up" -d 'Start the cluster; stays in the foreground until Ctrl-C unless --detach'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -f -a "down" -d 'Stop a detached demo cluster'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -f -a "status" -d 'The demo\'s processes and addresses'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -f -a "restart" -d 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l coordinators -d 'Coordinators' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l compute -d 'Compute nodes' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l observers -d 'Observers' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l swarm -d 'Extra virtual compute nodes served by one swarm process (at most 10,000)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l checkpoint-interval -d 'Time between compute nodes\' checkpoints, e.g. `10s`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l load -d 'Background inference requests per second sent to the coordinators (0 = none)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l detach -d 'Leave the cluster running and return'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l no-prometheus -d 'Do not start Prometheus even when it is installed'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -l kill -d 'Kill it with SIGKILL (a crash) instead of stopping it'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start the cluster; stays in the foreground until Ctrl-C unless --detach'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop a detached demo cluster'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from help" -f -a "status" -d 'The demo\'s processes and addresses'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -f -a "init" -d 'Create a development CA (ca.pem, ca-key.pem)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -f -a "issue" -d 'Issue a certificate signed by the CA'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and not __fish_seen_subcommand_from init issue help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l dir -d 'Directory for the files [default: $XDG_CONFIG_HOME/butterfly-cli/certs]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l days -d 'Validity in days' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l force -d 'Overwrite an existing CA'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l name -d 'Holder name (operator or node id), the certificate\'s CN; also the file name' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l role -d 'Role carried in the certificate' -r -f -a "viewer\t'Read-only operator'
admin\t'Operator allowed intrusive commands'
node\t'A cluster node (server and client certificate)'
coordinator\t'A coordinator node: a node certificate that may also speak Raft and relay members'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l dir -d 'Directory holding the CA and receiving the files [default: as `certs init`]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l days -d 'Validity in days' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l san -d 'Extra subject alternative names (DNS names or IPs); nodes always get 127.0.0.1, ::1, localhost and their name' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l force -d 'Overwrite existing files'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create a development CA (ca.pem, ca-key.pem)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "issue" -d 'Issue a certificate signed by the CA'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand schema" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -f -a "status" -d 'Every member: role, address, reachability, health, consensus, uptime, version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -f -a "remove-member" -d 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l direct -d 'Ask every node for its status (one mTLS call per member) instead of reading a coordinator\'s summaries: exact figures of this instant, round-trip times, requests in flight; for when the coordinators are the problem'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l summary -d 'The default since session 8 (kept so scripts that pass it still work)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "status" -d 'Every member: role, address, reachability, health, consensus, uptime, version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "remove-member" -d 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -f -a "info" -d 'Identity: id, role, version, uptime, addresses, pid'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -f -a "health" -d 'Health summary; `--deep` checks each component'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -f -a "status" -d 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -f -a "audit" -d 'The node\'s own audit log of debug RPCs (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and not __fish_seen_subcommand_from info health status audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -l deep -d 'Component-by-component health (consensus, network, resources)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from health" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l limit -d 'Newest records to show' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l since -d 'Only records from this long ago on (e.g. `10m`)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l until -d 'Only records up to this long ago (e.g. `1m`)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l principal -d 'Only calls by this principal (certificate CN)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l method -d 'Only this method (e.g. `GetStatus`)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l outcome -d 'Only this outcome (`ok`, `denied`, or a gRPC code name)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l offset -d 'Skip this many of the newest matching records (page back)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "info" -d 'Identity: id, role, version, uptime, addresses, pid'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "health" -d 'Health summary; `--deep` checks each component'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "status" -d 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "audit" -d 'The node\'s own audit log of debug RPCs (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -f -a "show" -d 'The newest commands with who ran them and how they ended'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -f -a "verify" -d 'Prove the hash chain is intact, or name every broken record (exit 1)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l limit -l last -d 'How many commands, the newest (`--last` is the old name)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l file -d 'Audit log file [default: $XDG_STATE_HOME/butterfly-cli/audit.jsonl or BUTTERFLY_AUDIT_LOG]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l file -d 'Audit log file [default: as `show`]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l against-nodes -d 'Also cross-check against the copies the nodes keep: each command\'s intent record is sent (as CHAIN/SEQ/HASH) with every call it makes, and the nodes\' audit trails keep it; a truncated tail or a re-hashed rewrite no longer matches (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "show" -d 'The newest commands with who ran them and how they ended'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Prove the hash chain is intact, or name every broken record (exit 1)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -f -a "inject" -d 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -f -a "clear" -d 'Clear every fault on a node (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -f -a "list" -d 'Byzantine faults detected by the coordinators, with evidence'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from inject" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l node -d 'Only faults against this node' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l limit -d 'Newest N' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from help" -f -a "inject" -d 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Clear every fault on a node (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from help" -f -a "list" -d 'Byzantine faults detected by the coordinators, with evidence'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -f -a "query" -d 'Run a PromQL query: instant (table) or `--range` (sparklines)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and not __fish_seen_subcommand_from query help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l time -d 'Evaluation time (end of the range with `--range`): RFC 3339 (`2026-01-02T15:04:05Z`) or unix seconds [default: now]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l range -d 'Make it a range query over this long, ending at `--time`, e.g. `1h`, `15m`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l step -d 'Resolution of a range query, e.g. `30s` [default: range / 60, at least 1s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l limit -d 'Most series listed, in Prometheus\' order (the JSON says how many there were)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from help" -f -a "query" -d 'Run a PromQL query: instant (table) or `--range` (sparklines)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -f -a "trace" -d 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -f -a "search" -d 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one\'s critical path'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -f -a "replay" -d 'Run a recorded request again and compare the two runs stage by stage (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace search replay help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l level -d 'Least level of the log lines shown: TRACE, DEBUG, INFO, WARN or ERROR [default: TRACE]' -r -f -a "TRACE\t''
DEBUG\t''
INFO\t''
WARN\t''
ERROR\t''
trace\t''
debug\t''
info\t''
warn\t''
error\t''"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l min-duration -d 'Fold spans shorter than this into their parent\'s row (e.g. `1ms`); spans on the critical path, failed or Byzantine ones are always shown' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l source -d 'Where the spans come from' -r -f -a "auto\t'Jaeger when the profile names one, else the nodes'
jaeger\t'Jaeger\'s query API'
nodes\t'The nodes\' span buffers'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l since -d 'How far back Jaeger is searched for a request id' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l logs -d 'Show the trace\'s log lines [default]'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l no-logs -d 'Leave the log lines out'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from trace" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l min-duration -d 'Only traces at least this long (measured on `--operation`\'s span when given, else the whole trace), e.g. `100ms`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l operation -d 'Only traces with a span of this name (e.g. `inference.request`); its longest span is the trace\'s duration' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l node -d 'Only traces with a span recorded by this node' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l status -d 'Only traces with this outcome' -r -f -a "error\t'A span of the trace failed'
ok\t'No span failed'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l since -d 'How far back to search' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l limit -d 'Most traces listed' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l source -d 'Where the spans come from' -r -f -a "auto\t'Jaeger when the profile names one, else the nodes'
jaeger\t'Jaeger\'s query API'
nodes\t'The nodes\' span buffers'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "trace" -d 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "search" -d 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one\'s critical path'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Run a recorded request again and compare the two runs stage by stage (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -f -a "query" -d 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes\' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l since -d 'How far back to look' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l limit -d 'Most lines shown (the newest)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l source -d 'Where the lines come from' -r -f -a "auto\t'Loki when the profile names one, else the nodes'
loki\t'Loki\'s query API'
nodes\t'The nodes\' log buffers'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -s f -l follow -d 'Keep printing new lines as they arrive, until Ctrl-C'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "query" -d 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes\' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -f -a "start" -d 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -f -a "stop" -d 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -f -a "status" -d 'Sessions running or finished on every node: who started them, elapsed, samples'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -f -a "cpu" -d 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and not __fish_seen_subcommand_from start stop status cpu help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l kind -d 'What to sample' -r -f -a "cpu\t'On-CPU stacks sampled by SIGPROF [default]'
heap\t'Live heap allocations sampled by jemalloc'
gpu\t'GPU kernels (nodes without a GPU refuse)'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l frequency -d 'CPU samples a second (at most 1000)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l max-duration -d 'The node stops the session by itself after this long (at most 10m)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l all -d 'Every member'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -l kind -d 'Which session' -r -f -a "cpu\t'On-CPU stacks sampled by SIGPROF [default]'
heap\t'Live heap allocations sampled by jemalloc'
gpu\t'GPU kernels (nodes without a GPU refuse)'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l duration -d 'How long to sample (at most 10m)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l frequency -d 'CPU samples a second (at most 1000)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -s w -l write -d 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l format -d 'Output format' -r -f -a "svg\t'An inferno flamegraph SVG [default]'
folded\t'Folded stacks (`root;...;leaf COUNT`), printed when no file is given'
pprof\t'Gzipped pprof `profile.proto`, one file per node'
top\t'The hottest functions as a table (self and total %), like `pprof -top`'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l merge -d 'With several nodes: each node a root frame (`nodes`), or the same functions summed (`functions`)' -r -f -a "nodes\t'Each node is a root frame of its own [default]'
functions\t'The same stacks are summed whatever node they came from'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l top -d 'Functions listed by `--format top`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l all -d 'Every member'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from cpu" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "status" -d 'Sessions running or finished on every node: who started them, elapsed, samples'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "cpu" -d 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -f -a "generate" -d 'Fetch the nodes\' profiles (stopping running sessions) and render them (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -f -a "diff" -d 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -f -a "render" -d 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and not __fish_seen_subcommand_from generate diff render help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l kind -d 'Profile kind' -r -f -a "cpu\t'On-CPU stacks sampled by SIGPROF [default]'
heap\t'Live heap allocations sampled by jemalloc'
gpu\t'GPU kernels (nodes without a GPU refuse)'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -s w -l write -d 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l format -d 'Output format' -r -f -a "svg\t'An inferno flamegraph SVG [default]'
folded\t'Folded stacks (`root;...;leaf COUNT`), printed when no file is given'
pprof\t'Gzipped pprof `profile.proto`, one file per node'
top\t'The hottest functions as a table (self and total %), like `pprof -top`'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l merge -d 'With several nodes: each node a root frame (`nodes`), or the same functions summed (`functions`)' -r -f -a "nodes\t'Each node is a root frame of its own [default]'
functions\t'The same stacks are summed whatever node they came from'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l top -d 'Functions listed by `--format top`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l all -d 'Every member'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -s w -l write -d 'Output SVG [default: a new file in the current directory]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -l no-normalize -d 'Compare raw counts instead of scaling both profiles to the same total first'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -s w -l write -d 'Output file [default: a new SVG in the current directory; folded and top print]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l format -d 'Output format (svg, folded or top)' -r -f -a "svg\t'An inferno flamegraph SVG [default]'
folded\t'Folded stacks (`root;...;leaf COUNT`), printed when no file is given'
pprof\t'Gzipped pprof `profile.proto`, one file per node'
top\t'The hottest functions as a table (self and total %), like `pprof -top`'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l top -d 'Functions listed by `--format top`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from render" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Fetch the nodes\' profiles (stopping running sessions) and render them (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from help" -f -a "diff" -d 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from help" -f -a "render" -d 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand flamegraph; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -l kind -d 'Only connections of this kind: data, probe, data-probe, consensus, membership, debug-client' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand connections; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -f -a "matrix" -d 'N×N matrix of round-trip times between the nodes (every member when none is named)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and not __fish_seen_subcommand_from matrix help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l count -d 'Pings per link and path' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l ping-timeout -d 'Deadline of one ping, e.g. `500ms`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l interval -d 'Time between refreshes with --watch' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l iterations -d 'With --watch, stop after this many matrices (0 = until Ctrl-C)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l watch -d 'Refresh the matrix until Ctrl-C'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from matrix" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from help" -f -a "matrix" -d 'N×N matrix of round-trip times between the nodes (every member when none is named)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand latency; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -f -a "capture" -d 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and not __fish_seen_subcommand_from capture help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l duration -d 'How long the one-shot capture runs' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -s w -l write -d 'Where to write the pcapng; `-` streams it to stdout as packets arrive [default: butterfly-capture-<time>.pcapng]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l filter -d 'BPF filter (tcpdump syntax), applied in the kernel (libpcap) and to tapped packets alike' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l source -d 'Packet source on each node' -r -f -a "auto\t'libpcap when the node may capture (root or CAP_NET_RAW), else the tap'
pcap\t'libpcap on the interface carrying the node\'s traffic'
tap\t'The node\'s own traffic after decryption, as synthetic packets (no privilege needed)'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l snaplen -d 'Bytes kept per packet [default: 65535]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l max-duration -d 'Session limit: duration [default: 30s; at most 10m]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l max-bytes -d 'Session limit: bytes kept on each node, e.g. `64MiB` [default: 64MiB; at most 256MiB]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l max-packets -d 'Session limit: packets [default: none]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -a "start" -d 'Start a capture session on each node (held by the node until `stop` or its limit)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -a "status" -d 'The capture sessions of the nodes (every member when none is named)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -a "stop" -d 'Stop the sessions and write every node\'s packets into one pcapng'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from capture" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from help" -f -a "capture" -d 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand packet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -f -a "dump" -d 'A node\'s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -f -a "diff" -d 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l section -d 'Only this section (printed in full)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l page-bytes -d 'Bytes per page asked of the node (it caps pages at 1 MiB) [default: 256 KiB]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from dump" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l role -d 'With --all: only this role (coordinator, compute, observer)' -r -f -a "coordinator\t''
compute\t''
observer\t''"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l section -d 'Compare only this section (any section, per-node ones included)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l limit -d 'Most differing keys listed per section (the first, by key)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l all -d 'Compare every member (or every member of --role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from help" -f -a "dump" -d 'A node\'s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -f -a "checkpoint" -d 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -f -a "node" -d 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -f -a "evidence" -d 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and not __fish_seen_subcommand_from checkpoint node evidence help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l node -d 'Only this node' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l sample -d 'Re-hash this percentage of the objects, e.g. `25` or `25%` [default: 100]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l parallel -d 'Objects hashed at once per node (the node caps it at 16) [default: 4]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l latest -d 'Each node\'s latest checkpoint'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from checkpoint" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l probe -d 'Probe input text [default: a fixed probe]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -s w -l write -d 'Write the evidence record (JSON) here' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l all-layers -d 'Keep probing after the first divergent layer'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from node" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -l rerun -d 'Run the recorded probe again through the same node and compare'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from evidence" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from help" -f -a "checkpoint" -d 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from help" -f -a "node" -d 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from help" -f -a "evidence" -d 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand verify; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l interval -d 'Time between two polls of each source, e.g. `2s`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l deadline -d 'Deadline of one poll of one source; past it the panel keeps its last data and shows the error, e.g. `10s`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l min-replicas -d 'Healthy replicas each layer should have; layers below are flagged' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables, fitted to 80 columns (the widest cells cut with `…`)'
wide\t'Tables at their full width, nothing cut'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l direct -d 'Ask every node for its status (the fan-out of `cluster status`) instead of reading every node\'s heartbeat summary from one coordinator; for when the coordinators are the problem'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand top" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "debug" -d 'Open the interactive console (REPL)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "run" -d 'Run a script of console commands, one a line'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "demo" -d 'Start a local demo cluster and open the console on it'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "certs" -d 'Make a development CA and node/operator certificates'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "completions" -d 'Print shell completions'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "schema" -d 'The JSON Schema of a command\'s `-o json` output (e.g. `schema cluster status`)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "cluster" -d 'Cluster-wide views'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "node" -d 'One node\'s identity, health and audit trail'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "audit" -d 'The console\'s own tamper-evident audit trail'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "fault" -d 'Inject and clear faults on nodes; list detected Byzantine faults'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "metrics" -d 'Query the cluster\'s Prometheus (PromQL): instant tables, range sparklines'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "request" -d 'Follow one request across the cluster; replay a recorded one'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "logs" -d 'Query log lines (Loki, or the nodes\' buffers)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "profile" -d 'Profile nodes (CPU, heap): sessions held by the nodes, bounded, admin role'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "flamegraph" -d 'Render the nodes\' profiles (merged, folded, pprof, top) or diff two saved ones'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "connections" -d 'Every connection the nodes hold: data plane, probes, consensus, membership, debug clients'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "latency" -d 'Round-trip times between the nodes, as an N×N matrix'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "packet" -d 'Capture packets on nodes into one pcapng (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "state" -d 'A node\'s state as hashed sections; compare nodes section by section'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "verify" -d 'Re-hash checkpoints; probe a suspect node layer by layer'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "top" -d 'Live console of the whole cluster: nodes, layers, requests, links, events (q quits)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions schema cluster node audit fault metrics request logs profile flamegraph connections latency packet state verify top help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from demo" -f -a "up" -d 'Start the cluster; stays in the foreground until Ctrl-C unless --detach'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from demo" -f -a "down" -d 'Stop a detached demo cluster'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from demo" -f -a "status" -d 'The demo\'s processes and addresses'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from demo" -f -a "restart" -d 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "init" -d 'Create a development CA (ca.pem, ca-key.pem)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "issue" -d 'Issue a certificate signed by the CA'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "status" -d 'Every member: role, address, reachability, health, consensus, uptime, version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "remove-member" -d 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "info" -d 'Identity: id, role, version, uptime, addresses, pid'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "health" -d 'Health summary; `--deep` checks each component'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "status" -d 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "audit" -d 'The node\'s own audit log of debug RPCs (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "show" -d 'The newest commands with who ran them and how they ended'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Prove the hash chain is intact, or name every broken record (exit 1)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from fault" -f -a "inject" -d 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from fault" -f -a "clear" -d 'Clear every fault on a node (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from fault" -f -a "list" -d 'Byzantine faults detected by the coordinators, with evidence'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from metrics" -f -a "query" -d 'Run a PromQL query: instant (table) or `--range` (sparklines)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "trace" -d 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "search" -d 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one\'s critical path'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "replay" -d 'Run a recorded request again and compare the two runs stage by stage (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "query" -d 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes\' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "start" -d 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "stop" -d 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "status" -d 'Sessions running or finished on every node: who started them, elapsed, samples'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "cpu" -d 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from flamegraph" -f -a "generate" -d 'Fetch the nodes\' profiles (stopping running sessions) and render them (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from flamegraph" -f -a "diff" -d 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from flamegraph" -f -a "render" -d 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from connections" -f -a "list" -d 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from latency" -f -a "matrix" -d 'N×N matrix of round-trip times between the nodes (every member when none is named)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from packet" -f -a "capture" -d 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from state" -f -a "dump" -d 'A node\'s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from state" -f -a "diff" -d 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from verify" -f -a "checkpoint" -d 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from verify" -f -a "node" -d 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from verify" -f -a "evidence" -d 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence'
