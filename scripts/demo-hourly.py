#!/usr/bin/env python3
"""The demo traffic's requests per model and region summed to hours, in the `headroom forecast` /
`headroom backtest` input format (series,timestamp,value; series = MODEL_REGION).

Usage: headroom demo-data --weeks 8 --end 2026-11-24 --output demo.csv
       scripts/demo-hourly.py demo.csv OUT.csv
Stdlib only.
"""
import csv
import sys
from collections import defaultdict


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/demo-hourly.py DEMO.csv OUT.csv")
    sums = defaultdict(int)
    with open(sys.argv[1], newline="") as fh:
        for row in csv.DictReader(fh):
            if row["metric"] == "requests":
                hour = row["timestamp"][:13] + ":00:00Z"
                sums[(f"{row['model']}_{row['region']}", hour)] += int(row["value"])
    with open(sys.argv[2], "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["series", "timestamp", "value"])
        for (series, hour), value in sorted(sums.items()):
            w.writerow([series, hour, value])


if __name__ == "__main__":
    main()
