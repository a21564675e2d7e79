#!/usr/bin/env bash
# Who is cited, in what capacity, with their first quote: JSON piped into jq.
# Usage: examples/who_says_what.sh [SOURCE...]   (default: the bundled seed page)
set -euo pipefail
here=$(dirname "$0")
osint summarize "${@:-$here/nordkorea-munition.html}" --format jsonl |
  jq -r 'select(.error == null) | .experts[] | "\(.name) (\(.role // "?"), \(.affiliation // "?")): \(.quotes[0].text // "")"'
