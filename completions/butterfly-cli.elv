
use builtin;
use str;

set edit:completion:arg-completer[butterfly-cli] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'butterfly-cli'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'butterfly-cli'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand debug 'Open the interactive console (REPL)'
            cand run 'Run a script of console commands, one a line'
            cand demo 'Start a local demo cluster and open the console on it'
            cand certs 'Make a development CA and node/operator certificates'
            cand completions 'Print shell completions'
            cand schema 'The JSON Schema of a command''s `-o json` output (e.g. `schema cluster status`)'
            cand cluster 'Cluster-wide views'
            cand node 'One node''s identity, health and audit trail'
            cand audit 'The console''s own tamper-evident audit trail'
            cand fault 'Inject and clear faults on nodes; list detected Byzantine faults'
            cand metrics 'Query the cluster''s Prometheus (PromQL): instant tables, range sparklines'
            cand request 'Follow one request across the cluster; replay a recorded one'
            cand logs 'Query log lines (Loki, or the nodes'' buffers)'
            cand profile 'Profile nodes (CPU, heap): sessions held by the nodes, bounded, admin role'
            cand flamegraph 'Render the nodes'' profiles (merged, folded, pprof, top) or diff two saved ones'
            cand connections 'Every connection the nodes hold: data plane, probes, consensus, membership, debug clients'
            cand latency 'Round-trip times between the nodes, as an N×N matrix'
            cand packet 'Capture packets on nodes into one pcapng (admin role)'
            cand state 'A node''s state as hashed sections; compare nodes section by section'
            cand verify 'Re-hash checkpoints; probe a suspect node layer by layer'
            cand top 'Live console of the whole cluster: nodes, layers, requests, links, events (q quits)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;debug'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;run'= {
            cand --set 'Variables for `${name}`, as name=value (repeatable)'
            cand --stop-on 'Stop at the first step that fails (`error`, the default: partial results go on) or that is not fully ok (`partial`)'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --keep-going 'Run every line whatever the earlier ones returned'
            cand --stream 'With `-o json`: one JSON line per step as it ends, then the summary line (NDJSON)'
            cand --check 'Only parse every line (variables included) and report problems; run nothing'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;demo'= {
            cand --coordinators 'Coordinators'
            cand --compute 'Compute nodes'
            cand --observers 'Observers'
            cand --swarm 'Extra virtual compute nodes served by one swarm process (at most 10,000)'
            cand --checkpoint-interval 'Time between compute nodes'' checkpoints, e.g. `10s`'
            cand --load 'Background inference requests per second sent to the coordinators (0 = none)'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-prometheus 'Do not start Prometheus even when it is installed'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'Start the cluster; stays in the foreground until Ctrl-C unless --detach'
            cand down 'Stop a detached demo cluster'
            cand status 'The demo''s processes and addresses'
            cand restart 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;demo;up'= {
            cand --coordinators 'Coordinators'
            cand --compute 'Compute nodes'
            cand --observers 'Observers'
            cand --swarm 'Extra virtual compute nodes served by one swarm process (at most 10,000)'
            cand --checkpoint-interval 'Time between compute nodes'' checkpoints, e.g. `10s`'
            cand --load 'Background inference requests per second sent to the coordinators (0 = none)'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --detach 'Leave the cluster running and return'
            cand --no-prometheus 'Do not start Prometheus even when it is installed'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;demo;down'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;demo;status'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;demo;restart'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --kill 'Kill it with SIGKILL (a crash) instead of stopping it'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;demo;help'= {
            cand up 'Start the cluster; stays in the foreground until Ctrl-C unless --detach'
            cand down 'Stop a detached demo cluster'
            cand status 'The demo''s processes and addresses'
            cand restart 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;demo;help;up'= {
        }
        &'butterfly-cli;demo;help;down'= {
        }
        &'butterfly-cli;demo;help;status'= {
        }
        &'butterfly-cli;demo;help;restart'= {
        }
        &'butterfly-cli;demo;help;help'= {
        }
        &'butterfly-cli;certs'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a development CA (ca.pem, ca-key.pem)'
            cand issue 'Issue a certificate signed by the CA'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;certs;init'= {
            cand --dir 'Directory for the files [default: $XDG_CONFIG_HOME/butterfly-cli/certs]'
            cand --days 'Validity in days'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --force 'Overwrite an existing CA'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;certs;issue'= {
            cand --name 'Holder name (operator or node id), the certificate''s CN; also the file name'
            cand --role 'Role carried in the certificate'
            cand --dir 'Directory holding the CA and receiving the files [default: as `certs init`]'
            cand --days 'Validity in days'
            cand --san 'Extra subject alternative names (DNS names or IPs); nodes always get 127.0.0.1, ::1, localhost and their name'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --force 'Overwrite existing files'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;certs;help'= {
            cand init 'Create a development CA (ca.pem, ca-key.pem)'
            cand issue 'Issue a certificate signed by the CA'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;certs;help;init'= {
        }
        &'butterfly-cli;certs;help;issue'= {
        }
        &'butterfly-cli;certs;help;help'= {
        }
        &'butterfly-cli;completions'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;schema'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;cluster'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Every member: role, address, reachability, health, consensus, uptime, version'
            cand remove-member 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;cluster;status'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --direct 'Ask every node for its status (one mTLS call per member) instead of reading a coordinator''s summaries: exact figures of this instant, round-trip times, requests in flight; for when the coordinators are the problem'
            cand --summary 'The default since session 8 (kept so scripts that pass it still work)'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;cluster;remove-member'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;cluster;help'= {
            cand status 'Every member: role, address, reachability, health, consensus, uptime, version'
            cand remove-member 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;cluster;help;status'= {
        }
        &'butterfly-cli;cluster;help;remove-member'= {
        }
        &'butterfly-cli;cluster;help;help'= {
        }
        &'butterfly-cli;node'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand info 'Identity: id, role, version, uptime, addresses, pid'
            cand health 'Health summary; `--deep` checks each component'
            cand status 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation'
            cand audit 'The node''s own audit log of debug RPCs (admin role)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;node;info'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;node;health'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --deep 'Component-by-component health (consensus, network, resources)'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;node;status'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;node;audit'= {
            cand --limit 'Newest records to show'
            cand --since 'Only records from this long ago on (e.g. `10m`)'
            cand --until 'Only records up to this long ago (e.g. `1m`)'
            cand --principal 'Only calls by this principal (certificate CN)'
            cand --method 'Only this method (e.g. `GetStatus`)'
            cand --outcome 'Only this outcome (`ok`, `denied`, or a gRPC code name)'
            cand --offset 'Skip this many of the newest matching records (page back)'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;node;help'= {
            cand info 'Identity: id, role, version, uptime, addresses, pid'
            cand health 'Health summary; `--deep` checks each component'
            cand status 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation'
            cand audit 'The node''s own audit log of debug RPCs (admin role)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;node;help;info'= {
        }
        &'butterfly-cli;node;help;health'= {
        }
        &'butterfly-cli;node;help;status'= {
        }
        &'butterfly-cli;node;help;audit'= {
        }
        &'butterfly-cli;node;help;help'= {
        }
        &'butterfly-cli;audit'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'The newest commands with who ran them and how they ended'
            cand verify 'Prove the hash chain is intact, or name every broken record (exit 1)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;audit;show'= {
            cand --limit 'How many commands, the newest (`--last` is the old name)'
            cand --last 'How many commands, the newest (`--last` is the old name)'
            cand --file 'Audit log file [default: $XDG_STATE_HOME/butterfly-cli/audit.jsonl or BUTTERFLY_AUDIT_LOG]'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;audit;verify'= {
            cand --file 'Audit log file [default: as `show`]'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --against-nodes 'Also cross-check against the copies the nodes keep: each command''s intent record is sent (as CHAIN/SEQ/HASH) with every call it makes, and the nodes'' audit trails keep it; a truncated tail or a re-hashed rewrite no longer matches (admin role)'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;audit;help'= {
            cand show 'The newest commands with who ran them and how they ended'
            cand verify 'Prove the hash chain is intact, or name every broken record (exit 1)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;audit;help;show'= {
        }
        &'butterfly-cli;audit;help;verify'= {
        }
        &'butterfly-cli;audit;help;help'= {
        }
        &'butterfly-cli;fault'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand inject 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)'
            cand clear 'Clear every fault on a node (admin role)'
            cand list 'Byzantine faults detected by the coordinators, with evidence'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;fault;inject'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;fault;clear'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;fault;list'= {
            cand --node 'Only faults against this node'
            cand --limit 'Newest N'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;fault;help'= {
            cand inject 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)'
            cand clear 'Clear every fault on a node (admin role)'
            cand list 'Byzantine faults detected by the coordinators, with evidence'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;fault;help;inject'= {
        }
        &'butterfly-cli;fault;help;clear'= {
        }
        &'butterfly-cli;fault;help;list'= {
        }
        &'butterfly-cli;fault;help;help'= {
        }
        &'butterfly-cli;metrics'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand query 'Run a PromQL query: instant (table) or `--range` (sparklines)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;metrics;query'= {
            cand --time 'Evaluation time (end of the range with `--range`): RFC 3339 (`2026-01-02T15:04:05Z`) or unix seconds [default: now]'
            cand --range 'Make it a range query over this long, ending at `--time`, e.g. `1h`, `15m`'
            cand --step 'Resolution of a range query, e.g. `30s` [default: range / 60, at least 1s]'
            cand --limit 'Most series listed, in Prometheus'' order (the JSON says how many there were)'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;metrics;help'= {
            cand query 'Run a PromQL query: instant (table) or `--range` (sparklines)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;metrics;help;query'= {
        }
        &'butterfly-cli;metrics;help;help'= {
        }
        &'butterfly-cli;request'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand trace 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics'
            cand search 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one''s critical path'
            cand replay 'Run a recorded request again and compare the two runs stage by stage (admin role)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;request;trace'= {
            cand --level 'Least level of the log lines shown: TRACE, DEBUG, INFO, WARN or ERROR [default: TRACE]'
            cand --min-duration 'Fold spans shorter than this into their parent''s row (e.g. `1ms`); spans on the critical path, failed or Byzantine ones are always shown'
            cand --source 'Where the spans come from'
            cand --since 'How far back Jaeger is searched for a request id'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --logs 'Show the trace''s log lines [default]'
            cand --no-logs 'Leave the log lines out'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;request;search'= {
            cand --min-duration 'Only traces at least this long (measured on `--operation`''s span when given, else the whole trace), e.g. `100ms`'
            cand --operation 'Only traces with a span of this name (e.g. `inference.request`); its longest span is the trace''s duration'
            cand --node 'Only traces with a span recorded by this node'
            cand --status 'Only traces with this outcome'
            cand --since 'How far back to search'
            cand --limit 'Most traces listed'
            cand --source 'Where the spans come from'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;request;replay'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;request;help'= {
            cand trace 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics'
            cand search 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one''s critical path'
            cand replay 'Run a recorded request again and compare the two runs stage by stage (admin role)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;request;help;trace'= {
        }
        &'butterfly-cli;request;help;search'= {
        }
        &'butterfly-cli;request;help;replay'= {
        }
        &'butterfly-cli;request;help;help'= {
        }
        &'butterfly-cli;logs'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand query 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes'' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;logs;query'= {
            cand --since 'How far back to look'
            cand --limit 'Most lines shown (the newest)'
            cand --source 'Where the lines come from'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand -f 'Keep printing new lines as they arrive, until Ctrl-C'
            cand --follow 'Keep printing new lines as they arrive, until Ctrl-C'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;logs;help'= {
            cand query 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes'' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;logs;help;query'= {
        }
        &'butterfly-cli;logs;help;help'= {
        }
        &'butterfly-cli;profile'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration'
            cand stop 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`'
            cand status 'Sessions running or finished on every node: who started them, elapsed, samples'
            cand cpu 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;profile;start'= {
            cand --kind 'What to sample'
            cand --frequency 'CPU samples a second (at most 1000)'
            cand --max-duration 'The node stops the session by itself after this long (at most 10m)'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --all 'Every member'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;profile;stop'= {
            cand --kind 'Which session'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;profile;status'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;profile;cpu'= {
            cand --duration 'How long to sample (at most 10m)'
            cand --frequency 'CPU samples a second (at most 1000)'
            cand -w 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output'
            cand --write 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output'
            cand --format 'Output format'
            cand --merge 'With several nodes: each node a root frame (`nodes`), or the same functions summed (`functions`)'
            cand --top 'Functions listed by `--format top`'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --all 'Every member'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;profile;help'= {
            cand start 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration'
            cand stop 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`'
            cand status 'Sessions running or finished on every node: who started them, elapsed, samples'
            cand cpu 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;profile;help;start'= {
        }
        &'butterfly-cli;profile;help;stop'= {
        }
        &'butterfly-cli;profile;help;status'= {
        }
        &'butterfly-cli;profile;help;cpu'= {
        }
        &'butterfly-cli;profile;help;help'= {
        }
        &'butterfly-cli;flamegraph'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Fetch the nodes'' profiles (stopping running sessions) and render them (admin role)'
            cand diff 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank'
            cand render 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;flamegraph;generate'= {
            cand --kind 'Profile kind'
            cand -w 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output'
            cand --write 'Output file; without it an SVG or pprof goes to a new file in the current directory (its path is printed) and folded stacks go to standard output'
            cand --format 'Output format'
            cand --merge 'With several nodes: each node a root frame (`nodes`), or the same functions summed (`functions`)'
            cand --top 'Functions listed by `--format top`'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --all 'Every member'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;flamegraph;diff'= {
            cand -w 'Output SVG [default: a new file in the current directory]'
            cand --write 'Output SVG [default: a new file in the current directory]'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-normalize 'Compare raw counts instead of scaling both profiles to the same total first'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;flamegraph;render'= {
            cand -w 'Output file [default: a new SVG in the current directory; folded and top print]'
            cand --write 'Output file [default: a new SVG in the current directory; folded and top print]'
            cand --format 'Output format (svg, folded or top)'
            cand --top 'Functions listed by `--format top`'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;flamegraph;help'= {
            cand generate 'Fetch the nodes'' profiles (stopping running sessions) and render them (admin role)'
            cand diff 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank'
            cand render 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;flamegraph;help;generate'= {
        }
        &'butterfly-cli;flamegraph;help;diff'= {
        }
        &'butterfly-cli;flamegraph;help;render'= {
        }
        &'butterfly-cli;flamegraph;help;help'= {
        }
        &'butterfly-cli;connections'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;connections;list'= {
            cand --kind 'Only connections of this kind: data, probe, data-probe, consensus, membership, debug-client'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;connections;help'= {
            cand list 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;connections;help;list'= {
        }
        &'butterfly-cli;connections;help;help'= {
        }
        &'butterfly-cli;latency'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand matrix 'N×N matrix of round-trip times between the nodes (every member when none is named)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;latency;matrix'= {
            cand --count 'Pings per link and path'
            cand --ping-timeout 'Deadline of one ping, e.g. `500ms`'
            cand --interval 'Time between refreshes with --watch'
            cand --iterations 'With --watch, stop after this many matrices (0 = until Ctrl-C)'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --watch 'Refresh the matrix until Ctrl-C'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;latency;help'= {
            cand matrix 'N×N matrix of round-trip times between the nodes (every member when none is named)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;latency;help;matrix'= {
        }
        &'butterfly-cli;latency;help;help'= {
        }
        &'butterfly-cli;packet'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand capture 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;packet;capture'= {
            cand --duration 'How long the one-shot capture runs'
            cand -w 'Where to write the pcapng; `-` streams it to stdout as packets arrive [default: butterfly-capture-<time>.pcapng]'
            cand --write 'Where to write the pcapng; `-` streams it to stdout as packets arrive [default: butterfly-capture-<time>.pcapng]'
            cand --filter 'BPF filter (tcpdump syntax), applied in the kernel (libpcap) and to tapped packets alike'
            cand --source 'Packet source on each node'
            cand --snaplen 'Bytes kept per packet [default: 65535]'
            cand --max-duration 'Session limit: duration [default: 30s; at most 10m]'
            cand --max-bytes 'Session limit: bytes kept on each node, e.g. `64MiB` [default: 64MiB; at most 256MiB]'
            cand --max-packets 'Session limit: packets [default: none]'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Start a capture session on each node (held by the node until `stop` or its limit)'
            cand status 'The capture sessions of the nodes (every member when none is named)'
            cand stop 'Stop the sessions and write every node''s packets into one pcapng'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;packet;capture;start'= {
            cand --filter 'BPF filter (tcpdump syntax), applied in the kernel (libpcap) and to tapped packets alike'
            cand --source 'Packet source on each node'
            cand --snaplen 'Bytes kept per packet [default: 65535]'
            cand --max-duration 'Session limit: duration [default: 30s; at most 10m]'
            cand --max-bytes 'Session limit: bytes kept on each node, e.g. `64MiB` [default: 64MiB; at most 256MiB]'
            cand --max-packets 'Session limit: packets [default: none]'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;packet;capture;status'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;packet;capture;stop'= {
            cand -w 'Where to write the pcapng; `-` = stdout [default: butterfly-capture-<time>.pcapng]'
            cand --write 'Where to write the pcapng; `-` = stdout [default: butterfly-capture-<time>.pcapng]'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --discard 'Drop the packets instead of writing them'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;packet;capture;help'= {
            cand start 'Start a capture session on each node (held by the node until `stop` or its limit)'
            cand status 'The capture sessions of the nodes (every member when none is named)'
            cand stop 'Stop the sessions and write every node''s packets into one pcapng'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;packet;capture;help;start'= {
        }
        &'butterfly-cli;packet;capture;help;status'= {
        }
        &'butterfly-cli;packet;capture;help;stop'= {
        }
        &'butterfly-cli;packet;capture;help;help'= {
        }
        &'butterfly-cli;packet;help'= {
            cand capture 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;packet;help;capture'= {
            cand start 'Start a capture session on each node (held by the node until `stop` or its limit)'
            cand status 'The capture sessions of the nodes (every member when none is named)'
            cand stop 'Stop the sessions and write every node''s packets into one pcapng'
        }
        &'butterfly-cli;packet;help;capture;start'= {
        }
        &'butterfly-cli;packet;help;capture;status'= {
        }
        &'butterfly-cli;packet;help;capture;stop'= {
        }
        &'butterfly-cli;packet;help;help'= {
        }
        &'butterfly-cli;state'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand dump 'A node''s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build'
            cand diff 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;state;dump'= {
            cand --section 'Only this section (printed in full)'
            cand --page-bytes 'Bytes per page asked of the node (it caps pages at 1 MiB) [default: 256 KiB]'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;state;diff'= {
            cand --role 'With --all: only this role (coordinator, compute, observer)'
            cand --section 'Compare only this section (any section, per-node ones included)'
            cand --limit 'Most differing keys listed per section (the first, by key)'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --all 'Compare every member (or every member of --role)'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;state;help'= {
            cand dump 'A node''s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build'
            cand diff 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;state;help;dump'= {
        }
        &'butterfly-cli;state;help;diff'= {
        }
        &'butterfly-cli;state;help;help'= {
        }
        &'butterfly-cli;verify'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand checkpoint 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft'
            cand node 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)'
            cand evidence 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;verify;checkpoint'= {
            cand --node 'Only this node'
            cand --sample 'Re-hash this percentage of the objects, e.g. `25` or `25%` [default: 100]'
            cand --parallel 'Objects hashed at once per node (the node caps it at 16) [default: 4]'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --latest 'Each node''s latest checkpoint'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;verify;node'= {
            cand --probe 'Probe input text [default: a fixed probe]'
            cand -w 'Write the evidence record (JSON) here'
            cand --write 'Write the evidence record (JSON) here'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --all-layers 'Keep probing after the first divergent layer'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;verify;evidence'= {
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --rerun 'Run the recorded probe again through the same node and compare'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;verify;help'= {
            cand checkpoint 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft'
            cand node 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)'
            cand evidence 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;verify;help;checkpoint'= {
        }
        &'butterfly-cli;verify;help;node'= {
        }
        &'butterfly-cli;verify;help;evidence'= {
        }
        &'butterfly-cli;verify;help;help'= {
        }
        &'butterfly-cli;top'= {
            cand --interval 'Time between two polls of each source, e.g. `2s`'
            cand --deadline 'Deadline of one poll of one source; past it the panel keeps its last data and shows the error, e.g. `10s`'
            cand --min-replicas 'Healthy replicas each layer should have; layers below are flagged'
            cand -p 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --profile 'Named profile from the config file [default: the file''s `default_profile`, else `default`]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/butterfly-cli/config.toml]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --timeout 'Deadline per node for each call, e.g. `500ms`, `3s` [default: 5s]'
            cand --ca 'CA certificate (PEM) that signed the nodes'' certificates'
            cand --cert 'Operator client certificate (PEM); its CN names you and its OU carries your role'
            cand --key 'Private key (PEM) of the operator certificate'
            cand --seeds 'Seed nodes (debug addresses HOST:PORT, comma-separated) used to discover the cluster'
            cand --direct 'Ask every node for its status (the fan-out of `cluster status`) instead of reading every node''s heartbeat summary from one coordinator; for when the coordinators are the problem'
            cand --no-color 'Disable colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'butterfly-cli;help'= {
            cand debug 'Open the interactive console (REPL)'
            cand run 'Run a script of console commands, one a line'
            cand demo 'Start a local demo cluster and open the console on it'
            cand certs 'Make a development CA and node/operator certificates'
            cand completions 'Print shell completions'
            cand schema 'The JSON Schema of a command''s `-o json` output (e.g. `schema cluster status`)'
            cand cluster 'Cluster-wide views'
            cand node 'One node''s identity, health and audit trail'
            cand audit 'The console''s own tamper-evident audit trail'
            cand fault 'Inject and clear faults on nodes; list detected Byzantine faults'
            cand metrics 'Query the cluster''s Prometheus (PromQL): instant tables, range sparklines'
            cand request 'Follow one request across the cluster; replay a recorded one'
            cand logs 'Query log lines (Loki, or the nodes'' buffers)'
            cand profile 'Profile nodes (CPU, heap): sessions held by the nodes, bounded, admin role'
            cand flamegraph 'Render the nodes'' profiles (merged, folded, pprof, top) or diff two saved ones'
            cand connections 'Every connection the nodes hold: data plane, probes, consensus, membership, debug clients'
            cand latency 'Round-trip times between the nodes, as an N×N matrix'
            cand packet 'Capture packets on nodes into one pcapng (admin role)'
            cand state 'A node''s state as hashed sections; compare nodes section by section'
            cand verify 'Re-hash checkpoints; probe a suspect node layer by layer'
            cand top 'Live console of the whole cluster: nodes, layers, requests, links, events (q quits)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'butterfly-cli;help;debug'= {
        }
        &'butterfly-cli;help;run'= {
        }
        &'butterfly-cli;help;demo'= {
            cand up 'Start the cluster; stays in the foreground until Ctrl-C unless --detach'
            cand down 'Stop a detached demo cluster'
            cand status 'The demo''s processes and addresses'
            cand restart 'Restart one demo node with its data kept (same command line and addresses): SIGTERM (or SIGKILL with --kill) if it still runs, then start it again and wait until ready'
        }
        &'butterfly-cli;help;demo;up'= {
        }
        &'butterfly-cli;help;demo;down'= {
        }
        &'butterfly-cli;help;demo;status'= {
        }
        &'butterfly-cli;help;demo;restart'= {
        }
        &'butterfly-cli;help;certs'= {
            cand init 'Create a development CA (ca.pem, ca-key.pem)'
            cand issue 'Issue a certificate signed by the CA'
        }
        &'butterfly-cli;help;certs;init'= {
        }
        &'butterfly-cli;help;certs;issue'= {
        }
        &'butterfly-cli;help;completions'= {
        }
        &'butterfly-cli;help;schema'= {
        }
        &'butterfly-cli;help;cluster'= {
            cand status 'Every member: role, address, reachability, health, consensus, uptime, version'
            cand remove-member 'Take a coordinator out of the Raft voters so a dead one stops counting against the quorum (admin role; asked of any live coordinator, which passes it to the leader)'
        }
        &'butterfly-cli;help;cluster;status'= {
        }
        &'butterfly-cli;help;cluster;remove-member'= {
        }
        &'butterfly-cli;help;node'= {
            cand info 'Identity: id, role, version, uptime, addresses, pid'
            cand health 'Health summary; `--deep` checks each component'
            cand status 'Everything the node reports: health, consensus, load, layers and their latency, peers, injected faults, reputation'
            cand audit 'The node''s own audit log of debug RPCs (admin role)'
        }
        &'butterfly-cli;help;node;info'= {
        }
        &'butterfly-cli;help;node;health'= {
        }
        &'butterfly-cli;help;node;status'= {
        }
        &'butterfly-cli;help;node;audit'= {
        }
        &'butterfly-cli;help;audit'= {
            cand show 'The newest commands with who ran them and how they ended'
            cand verify 'Prove the hash chain is intact, or name every broken record (exit 1)'
        }
        &'butterfly-cli;help;audit;show'= {
        }
        &'butterfly-cli;help;audit;verify'= {
        }
        &'butterfly-cli;help;fault'= {
            cand inject 'Start a fault on a node: slow:<duration>, byzantine:<probability>, crash, partition:<peer>[,<peer>], corrupt-checkpoint (admin role)'
            cand clear 'Clear every fault on a node (admin role)'
            cand list 'Byzantine faults detected by the coordinators, with evidence'
        }
        &'butterfly-cli;help;fault;inject'= {
        }
        &'butterfly-cli;help;fault;clear'= {
        }
        &'butterfly-cli;help;fault;list'= {
        }
        &'butterfly-cli;help;metrics'= {
            cand query 'Run a PromQL query: instant (table) or `--range` (sparklines)'
        }
        &'butterfly-cli;help;metrics;query'= {
        }
        &'butterfly-cli;help;request'= {
            cand trace 'Follow one request: waterfall of its spans on every node with the critical path, its log lines, and its exemplar-linked metrics'
            cand search 'Find traces: the slowest (or failed) recent requests, slowest first, with the slowest node on each one''s critical path'
            cand replay 'Run a recorded request again and compare the two runs stage by stage (admin role)'
        }
        &'butterfly-cli;help;request;trace'= {
        }
        &'butterfly-cli;help;request;search'= {
        }
        &'butterfly-cli;help;request;replay'= {
        }
        &'butterfly-cli;help;logs'= {
            cand query 'Log lines matching a LogQL query (Loki), or the LogQL subset on the nodes'' buffers: `{node_id="compute-1", level=~"WARN|ERROR"} |= "text" | json | trace_id="…"`'
        }
        &'butterfly-cli;help;logs;query'= {
        }
        &'butterfly-cli;help;profile'= {
            cand start 'Start profile sessions on nodes (admin role); they stop themselves at --max-duration'
            cand stop 'Stop running sessions; their profiles stay on the nodes for `flamegraph generate`'
            cand status 'Sessions running or finished on every node: who started them, elapsed, samples'
            cand cpu 'Profile CPU for --duration, then fetch and render (start + wait + flamegraph)'
        }
        &'butterfly-cli;help;profile;start'= {
        }
        &'butterfly-cli;help;profile;stop'= {
        }
        &'butterfly-cli;help;profile;status'= {
        }
        &'butterfly-cli;help;profile;cpu'= {
        }
        &'butterfly-cli;help;flamegraph'= {
            cand generate 'Fetch the nodes'' profiles (stopping running sessions) and render them (admin role)'
            cand diff 'A differential flamegraph of two saved profiles (folded or pprof): what grew, what shrank'
            cand render 'Render a saved profile (folded or pprof, e.g. from `--format pprof` or another tool)'
        }
        &'butterfly-cli;help;flamegraph;generate'= {
        }
        &'butterfly-cli;help;flamegraph;diff'= {
        }
        &'butterfly-cli;help;flamegraph;render'= {
        }
        &'butterfly-cli;help;connections'= {
            cand list 'Every connection the nodes hold (all members when none is named), flagging links that are down or lossy'
        }
        &'butterfly-cli;help;connections;list'= {
        }
        &'butterfly-cli;help;latency'= {
            cand matrix 'N×N matrix of round-trip times between the nodes (every member when none is named)'
        }
        &'butterfly-cli;help;latency;matrix'= {
        }
        &'butterfly-cli;help;packet'= {
            cand capture 'Capture packets on nodes into one pcapng: `start`, `status`, `stop`, or one-shot `packet capture <nodes> --duration D -w FILE` (admin role)'
        }
        &'butterfly-cli;help;packet;capture'= {
            cand start 'Start a capture session on each node (held by the node until `stop` or its limit)'
            cand status 'The capture sessions of the nodes (every member when none is named)'
            cand stop 'Stop the sessions and write every node''s packets into one pcapng'
        }
        &'butterfly-cli;help;packet;capture;start'= {
        }
        &'butterfly-cli;help;packet;capture;status'= {
        }
        &'butterfly-cli;help;packet;capture;stop'= {
        }
        &'butterfly-cli;help;state'= {
            cand dump 'A node''s state as sections, each with its SHA-256 (canonical JSON, sorted keys): consensus, members, assignment, reputation, faults, checkpoints, layers, checkpoint, active_faults, build'
            cand diff 'Compare nodes section by section: hashes first, differing keys with both values, and the odd node out by majority. Replicated sections are compared at one applied index'
        }
        &'butterfly-cli;help;state;dump'= {
        }
        &'butterfly-cli;help;state;diff'= {
        }
        &'butterfly-cli;help;verify'= {
            cand checkpoint 'Compute nodes re-hash their checkpoint objects (in parallel) against their manifest, and the manifest is checked against the one committed through Raft'
            cand node 'Probe a node layer by layer against honest replicas and report the first divergent layer with evidence (admin role)'
            cand evidence 'Check a saved `verify node` evidence record: its SHA-256, and (with --rerun, admin role) that the same probe again gives the same expected hashes and divergence'
        }
        &'butterfly-cli;help;verify;checkpoint'= {
        }
        &'butterfly-cli;help;verify;node'= {
        }
        &'butterfly-cli;help;verify;evidence'= {
        }
        &'butterfly-cli;help;top'= {
        }
        &'butterfly-cli;help;help'= {
        }
    ]
    $completions[$command]
}
