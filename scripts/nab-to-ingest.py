#!/usr/bin/env python3
"""Convert one NAB series (timestamp,value; local time without zone, read as UTC) into Headroom's
ingestion format (timestamp,model,region,metric,value) as the `requests` of one model and region,
on the planning step, rescaled to a request rate.

Usage: scripts/nab-to-ingest.py --input FILE.csv --native-step SECONDS [--step 300]
           [--peak-rps 32] [--peak-quantile 1] [--model chat-8b] [--region us-east-1] OUT.csv

Each native count is spread evenly over the planning steps it spans (a 30-minute count becomes
six 5-minute counts of one sixth each); timestamps off the native grid (Twitter's :42:53) are
floored to it first, and counts landing on one step are summed. Every count is then multiplied
by one factor so that the busiest planning step (or, with --peak-quantile Q below 1, the step at
the Q quantile of all steps, for bursty series whose single busiest step is an outlier) runs at
--peak-rps requests per second.
Exit status 2 when the input is absent.
"""
import argparse
import csv
import os
import sys
from datetime import datetime, timezone


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--native-step", type=int, required=True)
    parser.add_argument("--step", type=int, default=300)
    parser.add_argument("--peak-rps", type=float, default=32.0)
    parser.add_argument("--peak-quantile", type=float, default=1.0)
    parser.add_argument("--model", default="chat-8b")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("output")
    args = parser.parse_args()
    if not os.path.isfile(args.input):
        print(f"nab-to-ingest: {args.input} is absent", file=sys.stderr)
        sys.exit(2)
    if args.native_step % args.step != 0:
        print("nab-to-ingest: the native step must be a whole multiple of --step", file=sys.stderr)
        sys.exit(1)
    parts = args.native_step // args.step
    counts = {}
    with open(args.input, newline="") as handle:
        for row in csv.DictReader(handle):
            moment = datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
            start = int(moment.timestamp()) // args.native_step * args.native_step
            share = float(row["value"]) / parts
            for k in range(parts):
                at = start + k * args.step
                counts[at] = counts.get(at, 0.0) + share
    ordered = sorted(counts.values())
    peak = ordered[min(len(ordered) - 1, int(args.peak_quantile * (len(ordered) - 1)))]
    factor = args.peak_rps * args.step / peak if peak > 0 else 0.0
    with open(args.output, "w", newline="") as out:
        out.write("timestamp,model,region,metric,value\n")
        for at in sorted(counts):
            stamp = datetime.fromtimestamp(at, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            out.write(f"{stamp},{args.model},{args.region},requests,{counts[at] * factor:.4f}\n")
    print(f"nab-to-ingest: {len(counts)} steps of {args.step} s, scale factor {factor:.6g} "
          f"(q{args.peak_quantile} step {peak:.1f} -> {args.peak_rps} req/s; busiest step "
          f"{ordered[-1] * factor / args.step:.1f} req/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
