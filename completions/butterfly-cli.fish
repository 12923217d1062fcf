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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "cluster" -d 'Cluster-wide views'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "node" -d 'One node\'s identity, health and audit trail'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "audit" -d 'The console\'s own tamper-evident audit trail'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "fault" -d 'Inject and clear faults on nodes; list detected Byzantine faults'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "metrics" -d 'Query the cluster\'s Prometheus (PromQL): instant tables, range sparklines'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "request" -d 'Follow one request across the cluster; replay a recorded one'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "logs" -d 'Query log lines (Loki, or the nodes\' buffers)'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "state" -d 'A node\'s state as hashed sections; compare nodes section by section'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "verify" -d 'Re-hash checkpoints; probe a suspect node layer by layer'
complete -c butterfly-cli -n "__fish_butterfly_cli_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand debug" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l keep-going -d 'Run every line even after a failure'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l check -d 'Only parse every line (variables included) and report problems; run nothing'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand run" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l coordinators -d 'Coordinators' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l compute -d 'Compute nodes' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l observers -d 'Observers' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l swarm -d 'Extra virtual compute nodes served by one swarm process' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l checkpoint-interval -d 'Time between compute nodes\' checkpoints, e.g. `10s`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l load -d 'Background inference requests per second sent to the coordinators (0 = none)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and not __fish_seen_subcommand_from up down status restart help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l swarm -d 'Extra virtual compute nodes served by one swarm process' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l checkpoint-interval -d 'Time between compute nodes\' checkpoints, e.g. `10s`' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l load -d 'Background inference requests per second sent to the coordinators (0 = none)' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand demo; and __fish_seen_subcommand_from up" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
node\t'A cluster node (server and client certificate)'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l dir -d 'Directory holding the CA and receiving the files [default: as `certs init`]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l days -d 'Validity in days' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l san -d 'Extra subject alternative names (DNS names or IPs); nodes always get 127.0.0.1, ::1, localhost and their name' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand certs; and __fish_seen_subcommand_from issue" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand completions" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and not __fish_seen_subcommand_from status remove-member help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand cluster; and __fish_seen_subcommand_from remove-member" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand node; and __fish_seen_subcommand_from audit" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -f -a "verify" -d 'Prove the hash chain is intact, or name the first broken record (exit 1)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and not __fish_seen_subcommand_from show verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l last -d 'How many commands' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l file -d 'Audit log file [default: $XDG_STATE_HOME/butterfly-cli/audit.jsonl or BUTTERFLY_AUDIT_LOG]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "show" -d 'The newest commands with who ran them and how they ended'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Prove the hash chain is intact, or name the first broken record (exit 1)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and not __fish_seen_subcommand_from inject clear list help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l limit -d 'Newest N per coordinator' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand fault; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand metrics; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
json\t'One stable JSON document'"
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -l timeout -d 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -l ca -d 'CA certificate (PEM) that signed the nodes\' certificates' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -l cert -d 'Operator client certificate (PEM); its CN names you and its OU carries your role' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -l key -d 'Private key (PEM) of the operator certificate' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -l seeds -d 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -l no-color -d 'Disable colours (also when NO_COLOR is set)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -s V -l version -d 'Print version'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -f -a "trace" -d 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -f -a "replay" -d 'Run a recorded request again and compare the two runs stage by stage (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and not __fish_seen_subcommand_from trace replay help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from replay" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Run a recorded request again and compare the two runs stage by stage (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand logs; and not __fish_seen_subcommand_from query help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and not __fish_seen_subcommand_from dump diff help" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -s p -l profile -d 'Named profile from the config file [default: the file\'s `default_profile`, else `default`]' -r
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -l config -d 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]' -r -F
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand state; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output format' -r -f -a "auto\t'Table on a terminal, JSON otherwise'
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
table\t'Human-readable tables'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "debug" -d 'Open the interactive console (REPL)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "run" -d 'Run a script of console commands, one a line'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "demo" -d 'Start a local demo cluster and open the console on it'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "certs" -d 'Make a development CA and node/operator certificates'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "completions" -d 'Print shell completions'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "cluster" -d 'Cluster-wide views'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "node" -d 'One node\'s identity, health and audit trail'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "audit" -d 'The console\'s own tamper-evident audit trail'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "fault" -d 'Inject and clear faults on nodes; list detected Byzantine faults'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "metrics" -d 'Query the cluster\'s Prometheus (PromQL): instant tables, range sparklines'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "request" -d 'Follow one request across the cluster; replay a recorded one'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "logs" -d 'Query log lines (Loki, or the nodes\' buffers)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "state" -d 'A node\'s state as hashed sections; compare nodes section by section'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "verify" -d 'Re-hash checkpoints; probe a suspect node layer by layer'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and not __fish_seen_subcommand_from debug run demo certs completions cluster node audit fault metrics request logs state verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Prove the hash chain is intact, or name the first broken record (exit 1)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from fault" -f -a "inject" -d 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from fault" -f -a "clear" -d 'Clear every fault on a node (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from fault" -f -a "list" -d 'Byzantine faults detected by the coordinators, with evidence'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from metrics" -f -a "query" -d 'Run a PromQL query: instant (table) or `--range` (sparklines)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "trace" -d 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "replay" -d 'Run a recorded request again and compare the two runs stage by stage (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "query" -d 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes\' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from state" -f -a "dump" -d 'A node\'s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from state" -f -a "diff" -d 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from verify" -f -a "checkpoint" -d 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from verify" -f -a "node" -d 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)'
complete -c butterfly-cli -n "__fish_butterfly_cli_using_subcommand help; and __fish_seen_subcommand_from verify" -f -a "evidence" -d 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence'
