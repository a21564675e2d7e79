#!/usr/bin/env python3
"""Read osint JSON Lines on stdin and print every figure with its qualifier and what it counts.

    osint summarize examples/nordkorea-munition.html | python3 examples/figures_table.py
"""

import json
import sys

for line in sys.stdin:
    record = json.loads(line)
    if "error" in record:
        print(f"{record['source']}: {record['error']['message']}", file=sys.stderr)
        continue
    for fig in record["figures"]:
        value = fig["value"] if fig["value_max"] is None else f"{fig['value']}-{fig['value_max']}"
        print(f"{fig['qualifier'] or '':10} {value:>14} {fig['unit'] or '':5} {fig['about'] or '':30} | {fig['text']}")
