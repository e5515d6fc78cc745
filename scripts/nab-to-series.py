#!/usr/bin/env python3
"""Convert NAB series (timestamp,value; local time without zone, read as UTC) into Headroom's
long forecast input (series,timestamp,value), resampled by summing into fixed buckets.

Usage: scripts/nab-to-series.py [--data DIR] [--step SECONDS] [--only NAME ...] OUT.csv

DIR defaults to ../shared/data/nab relative to the repository. A bucket is written when it holds
every expected sample (bucket / native step); incomplete buckets (the edges, gaps) are written
empty, i.e. missing. Exit status 2 when the data directory is absent.
"""
import argparse
import csv
import os
import sys
from datetime import datetime, timezone

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(REPO, "..", "shared", "data", "nab")
FILES = {
    "nyc_taxi": ("nyc_taxi.csv", 1800),
    "elb_request_count_8c0756": ("elb_request_count_8c0756.csv", 300),
    "Twitter_volume_AAPL": ("Twitter_volume_AAPL.csv", 300),
    "Twitter_volume_AMZN": ("Twitter_volume_AMZN.csv", 300),
    "Twitter_volume_FB": ("Twitter_volume_FB.csv", 300),
    "Twitter_volume_GOOG": ("Twitter_volume_GOOG.csv", 300),
    "Twitter_volume_IBM": ("Twitter_volume_IBM.csv", 300),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--step", type=int, default=3600, help="bucket in seconds (default 3600)")
    parser.add_argument("--only", action="append", help="a series name to convert (repeatable; default: all)")
    args = parser.parse_args()
    data = os.path.normpath(args.data)
    if not os.path.isdir(data):
        sys.stderr.write(f"NAB data not found: {data} is absent (expected ../shared/data/nab beside the repository); "
                         "nothing converted\n")
        return 2
    names = args.only or list(FILES)
    with open(args.out, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["series", "timestamp", "value"])
        for name in names:
            filename, native = FILES[name]
            if args.step % native != 0 and args.step != native:
                sys.stderr.write(f"{name}: step {args.step} s is not a multiple of its native {native} s\n")
                return 1
            expected = args.step // native
            sums, counts = {}, {}
            with open(os.path.join(data, filename)) as f:
                for row in csv.DictReader(f):
                    t = int(datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M:%S")
                            .replace(tzinfo=timezone.utc).timestamp())
                    bucket = t - t % args.step
                    sums[bucket] = sums.get(bucket, 0.0) + float(row["value"])
                    counts[bucket] = counts.get(bucket, 0) + 1
            first, last = min(sums), max(sums)
            for bucket in range(first, last + args.step, args.step):
                complete = counts.get(bucket, 0) >= expected
                value = sums[bucket] if complete else ""
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                stamp = datetime.fromtimestamp(bucket, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                writer.writerow([name, stamp, value])
    return 0


if __name__ == "__main__":
    sys.exit(main())
