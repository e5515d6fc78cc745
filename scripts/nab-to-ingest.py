#!/usr/bin/env python3
"""Convert one NAB series (timestamp,value; local time without zone, read as UTC) into Headroom's
ingestion format (timestamp,model,region,metric,value) as the `requests` of one model and region,
on the planning step, rescaled to a request rate.

Usage: scripts/nab-to-ingest.py --input FILE.csv --native-step SECONDS [--step 300]
           [--peak-rps 32] [--scale-on daily-peak | --peak-quantile Q]
           [--model chat-8b] [--region us-east-1] OUT.csv

Each native count is spread evenly over the planning steps it spans (a 30-minute count becomes
six 5-minute counts of one sixth each); timestamps off the native grid (Twitter's :42:53) are
floored to it first, and counts landing on one step are summed. Every count is then multiplied
by one factor so that a reference step runs at --peak-rps requests per second:
- --scale-on daily-peak (the default): the median over the series' UTC days (those with at
  least 80 % of their steps) of each day's busiest step, so that a typical day peaks at
  --peak-rps, as the demo traffic's daily peak does (Sources/Traffic/DemoProfile.swift);
- --peak-quantile Q: the step at the Q quantile of all steps (1: the single busiest step).
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
    parser.add_argument("--peak-quantile", type=float, default=None)
    parser.add_argument("--scale-on", choices=["daily-peak"], default=None)
    parser.add_argument("--model", default="chat-8b")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("output")
    args = parser.parse_args()
    if not os.path.isfile(args.input):
        print(f"nab-to-ingest: {args.input} is absent", file=sys.stderr)
        sys.exit(2)
    if args.peak_quantile is not None and args.scale_on is not None:
        print("nab-to-ingest: give --scale-on or --peak-quantile, not both", file=sys.stderr)
        sys.exit(1)
    if args.peak_quantile is not None and not 0 <= args.peak_quantile <= 1:
        print(f"nab-to-ingest: --peak-quantile {args.peak_quantile}: must be in [0, 1]", file=sys.stderr)
        sys.exit(1)
    if not args.peak_rps > 0:
        print(f"nab-to-ingest: --peak-rps {args.peak_rps}: must be above 0", file=sys.stderr)
        sys.exit(1)
    if args.step <= 0 or args.native_step <= 0:
        print("nab-to-ingest: --step and --native-step must be above 0", file=sys.stderr)
        sys.exit(1)
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
    if not counts:
        print(f"nab-to-ingest: {args.input} holds no rows", file=sys.stderr)
        sys.exit(1)
    ordered = sorted(counts.values())
    if args.peak_quantile is not None:
        reference = f"q{args.peak_quantile} step"
        peak = ordered[min(len(ordered) - 1, int(args.peak_quantile * (len(ordered) - 1)))]
    else:
        days = {}
        for at, value in counts.items():
            days.setdefault(at // 86400, []).append(value)
        whole = sorted(max(values) for values in days.values() if len(values) >= 0.8 * 86400 / args.step)
        if not whole:
            print(f"nab-to-ingest: {args.input} holds no day with 80 % of its steps: use --peak-quantile", file=sys.stderr)
            sys.exit(1)
        reference = f"median daily peak of {len(whole)} days"
        peak = whole[(len(whole) - 1) // 2] if len(whole) % 2 else (whole[len(whole) // 2 - 1] + whole[len(whole) // 2]) / 2
    factor = args.peak_rps * args.step / peak if peak > 0 else 0.0
    with open(args.output, "w", newline="") as out:
        out.write("timestamp,model,region,metric,value\n")
        for at in sorted(counts):
            stamp = datetime.fromtimestamp(at, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            out.write(f"{stamp},{args.model},{args.region},requests,{counts[at] * factor:.4f}\n")
    print(f"nab-to-ingest: {len(counts)} steps of {args.step} s, scale factor {factor:.6g} "
          f"({reference} {peak:.1f} -> {args.peak_rps} req/s; busiest step "
          f"{ordered[-1] * factor / args.step:.1f} req/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
