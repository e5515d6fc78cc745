#!/usr/bin/env python3
"""Side-by-side forecasting benchmark: Headroom vs Nixtla statsforecast.

Normally run through scripts/bench-forecast.sh, which creates the venv
(.venv-bench/), builds the Headroom release binary and then calls this script.

Two cases:

1. Real traffic (NAB): every series in <data>/nab/*.csv resampled to 1 hour
   (sum), the last 48 hours held out. statsforecast SeasonalNaive(24),
   AutoETS(24) and MSTL([24, 168]) (n_jobs=1, one model per timed run) and
   `headroom forecast` are scored on the holdout: MASE, sMAPE, 95% interval
   coverage and MSIS (seasonal scale 24), averaged over series.

2. Timing at scale: N synthetic 5-minute series (daily + weekly cycle, noise,
   fixed seed), one week (2016 points) of training, horizon 288. statsforecast
   MSTL([288]) / SeasonalNaive(288) / AutoETS(288) against one
   `headroom forecast` process on all N series. statsforecast models that would
   blow the time budget are timed on the first K series and the total is
   reported as "extrapolated".

Exit status: 0 on success; 2 when the data or a required input is missing;
3 when the Headroom half was requested but could not run (binary missing, the
command failed, or its output could not be read). The statsforecast figures are
still printed in that case.
"""

import os

# Single-threaded numerics for the Python side (statsforecast runs with n_jobs=1;
# keep BLAS/OpenMP from spreading too). The Headroom subprocess gets the
# environment as it was before these lines.
_ORIGINAL_ENV = dict(os.environ)
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import contextlib
import datetime as dt
import glob
import importlib.util
import io
import json
import math
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd

NAB_FILES = [
    "nyc_taxi.csv",
    "Twitter_volume_AAPL.csv",
    "Twitter_volume_AMZN.csv",
    "Twitter_volume_FB.csv",
    "Twitter_volume_GOOG.csv",
    "Twitter_volume_IBM.csv",
    "elb_request_count_8c0756.csv",
]
ALPHA = 0.05  # 95% interval
LEVEL = 95
Q_LO, Q_HI = 0.025, 0.975


def eprint(*a):
    print(*a, file=sys.stderr, flush=True)


def die(msg, code=2):
    eprint(f"error: {msg}")
    sys.exit(code)


# --------------------------------------------------------------------------- locations

def repo_root():
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=here,
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return os.path.dirname(here)


def data_dir(args, root):
    d = args.data or os.environ.get("HEADROOM_DATA") or os.path.join(root, "..", "shared", "data")
    d = os.path.abspath(d)
    nab = os.path.join(d, "nab")
    missing = [f for f in NAB_FILES if not os.path.isfile(os.path.join(nab, f))]
    if not os.path.isdir(nab) or missing:
        die(f"benchmark data not found: expected {nab}/ with {', '.join(missing or NAB_FILES)}.\n"
            f"       Set HEADROOM_DATA (or --data) to the folder that holds nab/ "
            f"(default: <repo root>/../shared/data).")
    return d


def git_commit(root):
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
        return sha + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# --------------------------------------------------------------------------- metrics

def seasonal_scale(y_train, m):
    y = np.asarray(y_train, dtype=float)
    if len(y) <= m:
        return float("nan")
    return float(np.mean(np.abs(y[m:] - y[:-m])))


def score(y_train, y_test, point, lo, hi, m):
    """MASE, sMAPE (M4, 0-200), 95% coverage and MSIS (alpha 0.05), scale = seasonal naive MAE."""
    y = np.asarray(y_test, dtype=float)
    f = np.asarray(point, dtype=float)
    scale = seasonal_scale(y_train, m)
    out = {
        "mase": float(np.mean(np.abs(y - f)) / scale) if scale > 0 else float("nan"),
    }
    denom = np.abs(y) + np.abs(f)
    ratio = np.divide(np.abs(y - f), denom, out=np.zeros_like(y), where=denom > 0)
    out["smape"] = float(200.0 * np.mean(ratio))
    if lo is None or hi is None:
        out["coverage95"] = None
        out["msis"] = None
    else:
        lo = np.asarray(lo, dtype=float)
        hi = np.asarray(hi, dtype=float)
        out["coverage95"] = float(np.mean((y >= lo) & (y <= hi)))
        penalty = (hi - lo) + (2.0 / ALPHA) * (lo - y) * (y < lo) + (2.0 / ALPHA) * (y - hi) * (y > hi)
        out["msis"] = float(np.mean(penalty) / scale) if scale > 0 else float("nan")
    return out


def mean_of(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None and not math.isnan(r[key])]
    return float(np.mean(vals)) if vals else None


# --------------------------------------------------------------------------- data

def load_nab(ddir, horizon):
    """Each NAB series summed to 1 hour; partial first/last hours dropped; last `horizon` hours = test."""
    series = []
    for whole in nab_hourly_series(ddir):
        sums, counts, sid, step, per_hour = whole["sums"], whole["counts"], whole["id"], whole["native_step_s"], whole["per_hour"]
        if len(sums) <= horizon + 2 * 24:
            die(f"{sid}: only {len(sums)} hours after resampling")
        series.append({
            "id": sid,
            "native_step_s": step,
            "hours": int(len(sums)),
            "incomplete_interior_hours": int((counts < per_hour).sum()),
            "ds": sums.index[:-horizon],
            "train": sums.to_numpy()[:-horizon],
            "test_ds": sums.index[-horizon:],
            "test": sums.to_numpy()[-horizon:],
        })
    return series


def fmt_ts(index):
    return index.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_headroom_csv(path, ids, ds_list, values_list):
    """Long CSV in the Headroom input format: series,timestamp,value (RFC 3339, UTC)."""
    with open(path, "w", newline="") as fh:
        fh.write("series,timestamp,value\n")
        for sid, ds, vals in zip(ids, ds_list, values_list):
            stamps = fmt_ts(ds)
            vals = np.asarray(vals, dtype=float)
            if np.all(vals == np.round(vals)):
                vstr = vals.astype(np.int64).astype(str)
            else:
                vstr = np.char.mod("%.10g", vals)
            block = np.char.add(np.char.add(np.char.add(f"{sid},", stamps.to_numpy().astype(str)), ","), vstr)
            fh.write("\n".join(block.tolist()))
            fh.write("\n")


def synthetic(n, seed, train_len=2016, horizon=288):
    """N 5-minute series: daily cycle + weekday/weekend cycle, multiplicative noise, Poisson counts."""
    rng = np.random.default_rng(seed)
    length = train_len + horizon
    t = np.arange(length)
    start = pd.Timestamp("2024-01-01T00:00:00Z")  # a Monday
    ds = pd.date_range(start, periods=length, freq="5min")
    tod = (t % 288) / 288.0
    dow = (t // 288) % 7
    level = np.exp(rng.uniform(np.log(20.0), np.log(5000.0), size=n))
    amp = rng.uniform(0.3, 0.8, size=n)
    phase = rng.uniform(0.0, 1.0, size=n)
    weekend = rng.uniform(0.1, 0.5, size=n)
    trend = rng.uniform(-0.05, 0.1, size=n)  # relative change over the whole window
    lam = (level[:, None]
           * (1.0 + amp[:, None] * np.sin(2 * np.pi * (tod[None, :] - phase[:, None])))
           * np.where(dow[None, :] >= 5, 1.0 - weekend[:, None], 1.0)
           * (1.0 + trend[:, None] * t[None, :] / length)
           * rng.lognormal(0.0, 0.08, size=(n, length)))
    y = rng.poisson(np.maximum(lam, 0.0)).astype(float)
    ids = [f"syn{i:05d}" for i in range(n)]
    return ids, ds, y


# --------------------------------------------------------------------------- statsforecast

def sf_versions():
    import statsforecast
    return {
        "statsforecast": statsforecast.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "numba": (__import__("numba").__version__ if importlib.util.find_spec("numba") else None),
    }


def sf_run(model, df, h, freq, level=True):
    """One StatsForecast.forecast call for one model. Returns (forecast df, wall s, cpu s, intervals?, warnings)."""
    from statsforecast import StatsForecast
    sf = StatsForecast(models=[model], freq=freq, n_jobs=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            fc = sf.forecast(df=df, h=h, level=[LEVEL]) if level else sf.forecast(df=df, h=h)
            has_pi = level
        except Exception as exc:  # model without interval support: retry point-only
            if not level:
                raise
            eprint(f"  note: {model} with level=[{LEVEL}] failed ({exc!r}); retrying without intervals")
            t0, c0 = time.perf_counter(), time.process_time()
            fc = sf.forecast(df=df, h=h)
            has_pi = False
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    msgs = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    return fc, wall, cpu, has_pi, msgs


def sf_frame(ids, ds_list, values_list):
    parts = [pd.DataFrame({"unique_id": sid, "ds": ds.tz_localize(None), "y": np.asarray(v, dtype=float)})
             for sid, ds, v in zip(ids, ds_list, values_list)]
    return pd.concat(parts, ignore_index=True)


def sf_extract(fc, alias, has_pi):
    fc = fc.reset_index() if "unique_id" not in fc.columns else fc
    out = {}
    for sid, g in fc.groupby("unique_id", sort=False):
        g = g.sort_values("ds")
        out[str(sid)] = {
            "point": g[alias].to_numpy(float),
            "lo": g[f"{alias}-lo-{LEVEL}"].to_numpy(float) if has_pi else None,
            "hi": g[f"{alias}-hi-{LEVEL}"].to_numpy(float) if has_pi else None,
        }
    return out


def sf_warmup(models_factories):
    """Run every model once on a tiny series so one-time costs (imports, first calls, numba JIT where the
    installed statsforecast still uses it) are excluded from the timed runs."""
    rng = np.random.default_rng(1)
    t = np.arange(24 * 7 * 3)
    y = 100 + 20 * np.sin(2 * np.pi * t / 24) + 10 * np.sin(2 * np.pi * t / 168) + rng.normal(0, 2, len(t))
    df = pd.DataFrame({"unique_id": "warmup", "ds": pd.date_range("2020-01-01", periods=len(t), freq="h"), "y": y})
    t0 = time.perf_counter()
    for make in models_factories:
        with contextlib.redirect_stderr(io.StringIO()):
            sf_run(make(), df, 24, "h")
    return time.perf_counter() - t0


# --------------------------------------------------------------------------- headroom

class HeadroomUnavailable(Exception):
    pass


def headroom_run(binary, input_csv, output_csv, horizon, step, extra, timeout):
    if not binary or not os.path.isfile(binary) or not os.access(binary, os.X_OK):
        raise HeadroomUnavailable(
            f"Headroom binary not found or not executable: {binary}\n"
            f"       Build it with `swift build -c release --product headroom` at the repo root "
            f"(scripts/bench-forecast.sh does), pass --headroom-bin, or use --skip-headroom.")
    cmd = [binary, "forecast", "--input", input_csv, "--horizon", str(horizon), "--step", step,
           "--quantiles", f"{Q_LO},0.5,{Q_HI}", "--output", output_csv] + list(extra)
    if os.path.exists(output_csv):
        os.remove(output_csv)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=_ORIGINAL_ENV)
    except subprocess.TimeoutExpired:
        raise HeadroomUnavailable(f"`{' '.join(cmd)}` did not finish within {timeout} s")
    except OSError as exc:
        raise HeadroomUnavailable(f"could not start {binary}: {exc}")
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout or "").strip().splitlines()[-15:])
        raise HeadroomUnavailable(f"`{' '.join(cmd)}` exited with status {proc.returncode}:\n{tail}")
    if not os.path.isfile(output_csv):
        raise HeadroomUnavailable(f"`{' '.join(cmd)}` exited 0 but wrote no {output_csv}")
    return cmd, wall, cpu


def headroom_read(output_csv, expected):
    """Read Headroom's output CSV into {series: {point, lo, hi, models}} aligned to expected timestamps.

    expected: {series: DatetimeIndex (UTC) of the future steps}."""
    try:
        out = pd.read_csv(output_csv)
    except Exception as exc:
        raise HeadroomUnavailable(f"could not read {output_csv}: {exc}")
    need = {"series", "timestamp", "point"}
    if not need.issubset(out.columns):
        raise HeadroomUnavailable(f"{output_csv}: header {list(out.columns)} lacks {sorted(need - set(out.columns))}")
    qcols = {}
    for c in out.columns:
        if c.startswith("q"):
            with contextlib.suppress(ValueError):
                qcols[float(c[1:])] = c
    lo_col = next((c for q, c in qcols.items() if abs(q - Q_LO) < 1e-9), None)
    hi_col = next((c for q, c in qcols.items() if abs(q - Q_HI) < 1e-9), None)
    ts = out["timestamp"]
    if pd.api.types.is_numeric_dtype(ts):
        out["ts"] = pd.to_datetime(ts, unit="s", utc=True)
    else:
        out["ts"] = pd.to_datetime(ts, utc=True, format="ISO8601")
    out["series"] = out["series"].astype(str)
    result, problems = {}, []
    groups = dict(tuple(out.groupby("series", sort=False)))
    for sid, want in expected.items():
        g = groups.get(sid)
        if g is None:
            problems.append(f"{sid}: no rows")
            continue
        g = g.set_index("ts").sort_index()
        g = g[~g.index.duplicated()]
        if not want.isin(g.index).all():
            missing = int((~want.isin(g.index)).sum())
            problems.append(f"{sid}: {missing} of {len(want)} expected timestamps missing "
                            f"(got {g.index.min()} .. {g.index.max()}, want {want[0]} .. {want[-1]})")
            continue
        g = g.loc[want]
        result[sid] = {
            "point": g["point"].to_numpy(float),
            "lo": g[lo_col].to_numpy(float) if lo_col else None,
            "hi": g[hi_col].to_numpy(float) if hi_col else None,
            "models": (g["model"].astype(str).value_counts().to_dict() if "model" in g.columns else {}),
        }
    if problems:
        shown = "; ".join(problems[:5]) + (f"; ... ({len(problems)} series)" if len(problems) > 5 else "")
        raise HeadroomUnavailable(f"{output_csv}: output does not match the requested horizon: {shown}")
    return result


# --------------------------------------------------------------------------- output helpers

def f2(x, nd=3):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:.{nd}f}"


def pct(x):
    return "n/a" if x is None else f"{100 * x:.1f}%"


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------- case 1: NAB

def case_nab(args, ddir, workdir, headroom_bin):
    from statsforecast.models import AutoETS, AutoTheta, MSTL, SeasonalNaive

    h = args.horizon
    series = load_nab(ddir, h)
    ids = [s["id"] for s in series]
    train_csv = os.path.join(workdir, "nab_train.csv")
    write_headroom_csv(train_csv, ids, [s["ds"] for s in series], [s["train"] for s in series])
    print(f"\n## Case 1: real traffic (NAB), hourly sums, horizon {h} h\n")
    print(f"training set (Headroom input format): {train_csv}")
    print(md_table(["series", "native step", "hours", "train", "test", "incomplete interior hours"],
                   [[s["id"], f"{int(s['native_step_s'] // 60)} min", s["hours"], len(s["train"]), len(s["test"]),
                     s["incomplete_interior_hours"]] for s in series]))

    short = [s["id"] for s in series if len(s["train"]) < 2 * 168]
    if short:
        print(f"\nnote: {', '.join(short)} has fewer than 2 x 168 training hours; statsforecast MSTL accepts "
              f"season_length=[24, 168] for it anyway (R's forecast::mstl would drop the weekly period).")
    models = [
        ("SeasonalNaive(24)", lambda: SeasonalNaive(season_length=24), "SeasonalNaive"),
        ("AutoETS(24)", lambda: AutoETS(season_length=24), "AutoETS"),
        ("AutoTheta(24)", lambda: AutoTheta(season_length=24), "AutoTheta"),
        ("MSTL([24,168])", lambda: MSTL(season_length=[24, 168]), "MSTL"),
    ]
    warm = sf_warmup([m[1] for m in models])
    print(f"\nstatsforecast warm-up on a tiny series: {warm:.2f} s (not counted; timed runs below exclude it)")

    df = sf_frame(ids, [s["ds"] for s in series], [s["train"] for s in series])
    truth = {s["id"]: s for s in series}
    methods = []
    for label, make, alias in models:
        eprint(f"  statsforecast {label} on {len(ids)} series ...")
        fc, wall, cpu, has_pi, msgs = sf_run(make(), df, h, "h")
        fx = sf_extract(fc, alias, has_pi)
        per = {}
        for sid in ids:
            s = truth[sid]
            per[sid] = score(s["train"], s["test"], fx[sid]["point"], fx[sid]["lo"], fx[sid]["hi"], 24)
        methods.append({"method": f"statsforecast {label}", "wall_s": wall, "cpu_s": cpu, "intervals": has_pi,
                        "per_series": per, "warnings": msgs})

    headroom = {"status": "skipped (--skip-headroom)"}
    if not args.skip_headroom:
        out_csv = os.path.join(workdir, "nab_out.csv")
        try:
            cmd, wall, cpu = headroom_run(headroom_bin, train_csv, out_csv, h, "1h", args.headroom_arg,
                                          args.headroom_timeout)
            expected = {s["id"]: s["test_ds"] for s in series}
            hx = headroom_read(out_csv, expected)
            per = {sid: score(truth[sid]["train"], truth[sid]["test"], hx[sid]["point"], hx[sid]["lo"],
                              hx[sid]["hi"], 24) for sid in ids}
            methods.append({"method": "Headroom", "wall_s": wall, "cpu_s": cpu,
                            "intervals": all(hx[sid]["lo"] is not None for sid in ids),
                            "per_series": per, "models_chosen": {sid: hx[sid]["models"] for sid in ids},
                            "command": " ".join(cmd)})
            headroom = {"status": "ok", "wall_s": wall, "cpu_s": cpu, "command": " ".join(cmd)}
        except HeadroomUnavailable as exc:
            headroom = {"status": f"unavailable: {exc}"}
            eprint(f"\nHEADROOM NOT RUN (case 1): {exc}\n")

    for m in methods:
        rows = list(m["per_series"].values())
        m["mean"] = {k: mean_of(rows, k) for k in ("mase", "smape", "coverage95", "msis")}

    print(f"\n### Accuracy on the {h}-hour holdout (mean over {len(ids)} series)\n")
    print(md_table(["method", "wall s", "CPU s", "MASE", "sMAPE", "95% coverage", "MSIS"],
                   [[m["method"], f2(m["wall_s"], 2), f2(m["cpu_s"], 2), f2(m["mean"]["mase"]),
                     f2(m["mean"]["smape"], 2), pct(m["mean"]["coverage95"]), f2(m["mean"]["msis"], 2)]
                    for m in methods]))
    print("\nwall s: statsforecast = one StatsForecast.forecast(h, level=[95]) call per model on all series "
          "(fit + predict + intervals, data already in memory, after warm-up); Headroom = the whole "
          "`headroom forecast` process (start-up, CSV read, fit, forecast, CSV write).")
    if headroom["status"] != "ok":
        print(f"Headroom: {headroom['status'].splitlines()[0]}")
    else:
        hw = headroom["wall_s"]
        for m in methods[:-1]:
            if m["method"].endswith(("AutoETS(24)", "MSTL([24,168])")):
                print(f"speed ratio {m['method']} time / Headroom time: {m['wall_s'] / hw:.2f}x")

    print("\n### MASE per series\n")
    print(md_table(["series"] + [m["method"] for m in methods],
                   [[sid] + [f2(m["per_series"][sid]["mase"]) for m in methods] for sid in ids]))
    for m in methods:
        if m.get("warnings"):
            print(f"\nwarnings from {m['method']}: " + "; ".join(m["warnings"][:5]))
        if m.get("models_chosen"):
            print(f"\nHeadroom models chosen: " + "; ".join(
                f"{sid}: {', '.join(mc)}" for sid, mc in m["models_chosen"].items()))
    return {"horizon": h, "train_csv": train_csv, "warmup_s": warm,
            "series": [{k: s[k] for k in ("id", "native_step_s", "hours", "incomplete_interior_hours")}
                       | {"train_len": int(len(s["train"])), "test_len": int(len(s["test"]))} for s in series],
            "methods": methods, "headroom": headroom}


# --------------------------------------------------------------------------- case 2: synthetic timing

def sf_time_budgeted(make, df, n_series, length, h, freq, budget_s, first_chunk=2):
    """Forecast series in chunks (rows of one series are contiguous, `length` each) until all are done or
    the wall-time budget is spent. Returns timing and forecasts for the series done."""
    done, wall, cpu, fx, has_pi_all, msgs_all = 0, 0.0, 0.0, {}, True, set()
    chunk = min(first_chunk, n_series)
    while done < n_series:
        sub = df.iloc[done * length:(done + chunk) * length]
        fc, w, c, has_pi, msgs = sf_run(make(), sub, h, freq)
        alias = [c_ for c_ in fc.columns if c_ not in ("unique_id", "ds") and "-lo-" not in c_ and "-hi-" not in c_][0]
        fx.update(sf_extract(fc, alias, has_pi))
        done += chunk
        wall += w
        cpu += c
        has_pi_all &= has_pi
        msgs_all.update(msgs)
        if wall >= budget_s:
            break
        per = wall / done
        remaining = budget_s - wall
        chunk = int(max(1, min(n_series - done, remaining / per, budget_s / 4 / per)))
    return {"done": done, "wall_s": wall, "cpu_s": cpu, "forecasts": fx, "intervals": has_pi_all,
            "warnings": sorted(msgs_all)}


def case_synthetic(args, workdir, headroom_bin):
    from statsforecast.models import AutoETS, MSTL, SeasonalNaive

    n, h, train_len = args.series, 288, 2016
    print(f"\n## Case 2: timing at scale: {n} synthetic 5-minute series x {train_len} points (1 week), "
          f"horizon {h}\n")
    t0 = time.perf_counter()
    ids, ds, y = synthetic(n, args.seed, train_len, h)
    train_csv = os.path.join(workdir, "synthetic_train.csv")
    write_headroom_csv(train_csv, ids, [ds[:train_len]] * n, list(y[:, :train_len]))
    df = pd.DataFrame({"unique_id": np.repeat(ids, train_len),
                       "ds": np.tile(ds[:train_len].tz_localize(None).to_numpy(), n),
                       "y": y[:, :train_len].reshape(-1)})
    print(f"generated (seed {args.seed}) and wrote {train_csv} "
          f"({os.path.getsize(train_csv) / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
    print("statsforecast configuration: MSTL(season_length=[288]) (a weekly season of 2016 needs at least two "
          "weeks of data, so it is left out), SeasonalNaive(288), and AutoETS(season_length=288), which "
          "statsforecast accepts but fits without seasonality (its ETS allows seasonal periods up to 24 only) "
          "and which is slow at that period, so it gets a small budget.")

    plan = [
        ("MSTL([288])", lambda: MSTL(season_length=[288]), args.sf_budget),
        ("SeasonalNaive(288)", lambda: SeasonalNaive(season_length=288), args.sf_budget),
        ("AutoETS(288)", lambda: AutoETS(season_length=288), args.ets_budget),
    ]
    methods = []
    for label, make, budget in plan:
        if budget <= 0:
            continue
        eprint(f"  statsforecast {label}: up to {n} series, budget {budget:.0f} s ...")
        r = sf_time_budgeted(make, df, n, train_len, h, "5min", budget)
        per_series = r["wall_s"] / r["done"]
        rows = []
        for i, sid in enumerate(ids[:r["done"]]):
            f = r["forecasts"][sid]
            rows.append(score(y[i, :train_len], y[i, train_len:], f["point"], f["lo"], f["hi"], 288))
        methods.append({
            "method": f"statsforecast {label}", "series_timed": r["done"], "series_total": n,
            "extrapolated": r["done"] < n, "wall_s_timed": r["wall_s"], "cpu_s_timed": r["cpu_s"],
            "per_series_s": per_series, "total_s": per_series * n,
            "mean": {k: mean_of(rows, k) for k in ("mase", "smape", "coverage95", "msis")},
            "intervals": r["intervals"], "warnings": r["warnings"],
        })

    headroom = {"status": "skipped (--skip-headroom)"}
    if not args.skip_headroom:
        out_csv = os.path.join(workdir, "synthetic_out.csv")
        extra = list(args.headroom_arg)
        if args.synthetic_seasonality:
            extra += ["--seasonality", args.synthetic_seasonality]
        try:
            eprint(f"  headroom forecast on {n} series ...")
            cmd, wall, cpu = headroom_run(headroom_bin, train_csv, out_csv, h, "5m", extra, args.headroom_timeout)
            expected = {sid: ds[train_len:] for sid in ids}
            hx = headroom_read(out_csv, expected)
            rows = [score(y[i, :train_len], y[i, train_len:], hx[sid]["point"], hx[sid]["lo"], hx[sid]["hi"], 288)
                    for i, sid in enumerate(ids)]
            chosen = {}
            for sid in ids:
                for mname, cnt in hx[sid]["models"].items():
                    chosen[mname] = chosen.get(mname, 0) + 1
            methods.append({"method": "Headroom", "series_timed": n, "series_total": n, "extrapolated": False,
                            "wall_s_timed": wall, "cpu_s_timed": cpu, "per_series_s": wall / n, "total_s": wall,
                            "mean": {k: mean_of(rows, k) for k in ("mase", "smape", "coverage95", "msis")},
                            "models_chosen": chosen, "command": " ".join(cmd)})
            headroom = {"status": "ok", "wall_s": wall, "cpu_s": cpu, "command": " ".join(cmd)}
        except HeadroomUnavailable as exc:
            headroom = {"status": f"unavailable: {exc}"}
            eprint(f"\nHEADROOM NOT RUN (case 2): {exc}\n")

    print()
    print(md_table(["method", "series timed", f"total s for {n}", "ms / series", "CPU s (timed)", "MASE (m=288)",
                    "95% coverage"],
                   [[m["method"], f"{m['series_timed']} of {n}",
                     f2(m["total_s"], 1) + (" (extrapolated)" if m["extrapolated"] else ""),
                     f2(1000 * m["per_series_s"], 1), f2(m["cpu_s_timed"], 1),
                     f2(m["mean"]["mase"]), pct(m["mean"]["coverage95"])] for m in methods]))
    print("\n(extrapolated) = statsforecast timed on the first K series within its time budget, total = "
          "time per series x N. Accuracy columns are over the series actually forecast.")
    if headroom["status"] != "ok":
        print(f"Headroom: {headroom['status'].splitlines()[0]}")
    else:
        for m in methods[:-1]:
            print(f"speed ratio {m['method']} / Headroom (per series): {m['per_series_s'] / (headroom['wall_s'] / n):.1f}x"
                  + (" (statsforecast side extrapolated)" if m["extrapolated"] else ""))
        print(f"Headroom models chosen: {methods[-1]['models_chosen']}")
    for m in methods:
        if m.get("warnings"):
            print(f"warnings from {m['method']}: " + "; ".join(m["warnings"][:5]))
    return {"series": n, "train_len": train_len, "horizon": h, "seed": args.seed, "train_csv": train_csv,
            "methods": methods, "headroom": headroom}


# --------------------------------------------------------------------------- rolling windows (issue 15)

LEVELS_Q = (0.025, 0.1, 0.9, 0.975)
BANDS = (("lead 0-1 h", 0, 1), ("lead 1-6 h", 1, 6), ("lead 6 h+", 6, 10 ** 9))


def window_cuts(n, h, windows, stride):
    """Cut points (training length) of the rolling windows, oldest first: the last window ends at n."""
    return [n - h - w * stride for w in reversed(range(windows))]


def score_window(y_train, y_test, point, q, m):
    """Per-window scores plus the pooled hit counts by lead band. q: {level: array} (levels of LEVELS_Q)."""
    y = np.asarray(y_test, dtype=float)
    f = np.asarray(point, dtype=float)
    scale = seasonal_scale(y_train, m)
    denom = np.abs(y) + np.abs(f)
    ratio = np.divide(np.abs(y - f), denom, out=np.zeros_like(y), where=denom > 0)
    out = {"mase": float(np.mean(np.abs(y - f)) / scale) if scale > 0 else float("nan"),
           "smape": float(200.0 * np.mean(ratio)), "msis": None, "hits": None}
    if q is None:
        return out
    lo95, hi95, lo80, hi80 = q[0.025], q[0.975], q[0.1], q[0.9]
    penalty = (hi95 - lo95) + (2.0 / ALPHA) * (lo95 - y) * (y < lo95) + (2.0 / ALPHA) * (y - hi95) * (y > hi95)
    out["msis"] = float(np.mean(penalty) / scale) if scale > 0 else float("nan")
    lead = np.arange(len(y))
    hits = {}
    for name, a, b in (("all", 0, 10 ** 9),) + BANDS:
        sel = (lead >= a) & (lead < b)
        hits[name] = (int(sel.sum()),
                      int(((y >= lo80) & (y <= hi80) & sel).sum()),
                      int(((y >= lo95) & (y <= hi95) & sel).sum()),
                      int(((y < lo95) & sel).sum()), int(((y > hi95) & sel).sum()))
    out["hits"] = hits
    return out


def summarize(rows):
    """Means over series-windows (MASE, sMAPE, MSIS) and pooled coverage per band."""
    s = {k: mean_of(rows, k) for k in ("mase", "smape", "msis")}
    pooled = {}
    for r in rows:
        if r["hits"] is None:
            continue
        for band, counts in r["hits"].items():
            acc = pooled.setdefault(band, [0, 0, 0, 0, 0])
            for i, c in enumerate(counts):
                acc[i] += c
    s["coverage"] = {band: {"n": a[0], "cover80": a[1] / a[0], "cover95": a[2] / a[0],
                            "below95": a[3] / a[0], "above95": a[4] / a[0]}
                     for band, a in pooled.items() if a[0] > 0}
    return s


def prophet_available():
    return importlib.util.find_spec("prophet") is not None


def prophet_forecast(ds, y, h, freq):
    """Prophet (default settings: daily and weekly seasonality where the history allows, linear trend),
    quantiles from its predictive samples."""
    import logging
    from prophet import Prophet
    for name in ("cmdstanpy", "prophet"):
        logging.getLogger(name).setLevel(logging.ERROR)
    frame = pd.DataFrame({"ds": ds.tz_localize(None), "y": y})
    model = Prophet(uncertainty_samples=1000)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        model.fit(frame)
        future = model.make_future_dataframe(periods=h, freq=freq, include_history=False)
        point = model.predict(future)["yhat"].to_numpy(float)
        samples = model.predictive_samples(future)["yhat"]
    q = {level: np.quantile(samples, level, axis=1) for level in LEVELS_Q}
    return point, q


def case_rolling(args, title, series, step, freq, season, mstl_seasons, workdir, headroom_bin, key):
    """Rolling-origin side by side: `args.windows` windows `stride` apart, each `h` steps ahead, on
    every method with 80 % and 95 % intervals; coverage pooled over series and windows per lead band."""
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, AutoTheta, MSTL, SeasonalNaive

    h, windows, stride = args.horizon, args.windows, args.stride
    print(f"\n## {title}: {len(series)} series at {freq}, {windows} windows {stride} steps apart, "
          f"each {h} steps ahead\n")
    short = [s["id"] for s in series if len(s["y"]) < h + (windows - 1) * stride + 2 * season]
    if short:
        die(f"{title}: too short for {windows} windows: {', '.join(short)}")
    ids = [s["id"] for s in series]
    cuts = {s["id"]: window_cuts(len(s["y"]), h, windows, stride) for s in series}
    models = [
        ("SeasonalNaive", lambda: SeasonalNaive(season_length=season), "SeasonalNaive"),
        ("AutoETS", lambda: AutoETS(season_length=season), "AutoETS"),
        ("AutoTheta", lambda: AutoTheta(season_length=season), "AutoTheta"),
        (f"MSTL({mstl_seasons})", lambda: MSTL(season_length=mstl_seasons), "MSTL"),
    ]
    df = sf_frame(ids, [s["ds"] for s in series], [s["y"] for s in series])
    methods = []
    for label, make, alias in models:
        eprint(f"  statsforecast {label}: {windows} windows on {len(ids)} series ...")
        sf = StatsForecast(models=[make()], freq=freq, n_jobs=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0, c0 = time.perf_counter(), time.process_time()
            cv = sf.cross_validation(df=df, h=h, step_size=stride, n_windows=windows, level=[80, LEVEL])
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        cv = cv.reset_index() if "unique_id" not in cv.columns else cv
        rows = []
        for s in series:
            g = cv[cv["unique_id"] == s["id"]]
            for w, (cutoff, part) in enumerate(sorted(g.groupby("cutoff"), key=lambda kv: kv[0])):
                part = part.sort_values("ds")
                cut = cuts[s["id"]][w]
                q = {0.025: part[f"{alias}-lo-{LEVEL}"].to_numpy(float), 0.975: part[f"{alias}-hi-{LEVEL}"].to_numpy(float),
                     0.1: part[f"{alias}-lo-80"].to_numpy(float), 0.9: part[f"{alias}-hi-80"].to_numpy(float)}
                rows.append(score_window(s["y"][:cut], s["y"][cut:cut + h], part[alias].to_numpy(float), q, season))
        methods.append({"method": f"statsforecast {label}", "wall_s": wall, "cpu_s": cpu, "summary": summarize(rows)})

    if args.prophet and prophet_available():
        eprint(f"  Prophet: {windows} windows on {len(ids)} series ...")
        rows, wall, cpu = [], 0.0, 0.0
        for s in series:
            for cut in cuts[s["id"]]:
                t0, c0 = time.perf_counter(), time.process_time()
                point, q = prophet_forecast(s["ds"][:cut], s["y"][:cut], h, freq)
                wall += time.perf_counter() - t0
                cpu += time.process_time() - c0
                rows.append(score_window(s["y"][:cut], s["y"][cut:cut + h], point, q, season))
        import prophet
        methods.append({"method": f"Prophet {prophet.__version__}", "wall_s": wall, "cpu_s": cpu,
                        "summary": summarize(rows)})
    elif args.prophet:
        print("Prophet is not installed in this Python: left out (scripts/bench-forecast.sh installs it).")

    headroom = {"status": "skipped (--skip-headroom)"}
    if not args.skip_headroom:
        try:
            rows, wall, cpu = [], 0.0, 0.0
            for w in range(windows):
                train_csv = os.path.join(workdir, f"{key}_w{w}.csv")
                out_csv = os.path.join(workdir, f"{key}_w{w}_out.csv")
                write_headroom_csv(train_csv, ids, [s["ds"][:cuts[s["id"]][w]] for s in series],
                                   [s["y"][:cuts[s["id"]][w]] for s in series])
                cmd, w_wall, w_cpu = headroom_run(headroom_bin, train_csv, out_csv, h, step,
                                                  ["--quantiles", "0.025,0.1,0.5,0.9,0.975"] + args.headroom_arg,
                                                  args.headroom_timeout)
                wall += w_wall
                cpu += w_cpu
                expected = {s["id"]: s["ds"][cuts[s["id"]][w]:cuts[s["id"]][w] + h] for s in series}
                out = pd.read_csv(out_csv)
                out["ts"] = pd.to_datetime(out["timestamp"], utc=True, format="ISO8601")
                for s in series:
                    cut = cuts[s["id"]][w]
                    g = out[out["series"].astype(str) == s["id"]].set_index("ts").sort_index().loc[expected[s["id"]]]
                    q = {level: g[f"q{level:g}"].to_numpy(float) for level in LEVELS_Q}
                    rows.append(score_window(s["y"][:cut], s["y"][cut:cut + h], g["point"].to_numpy(float), q, season))
            methods.append({"method": "Headroom", "wall_s": wall, "cpu_s": cpu, "summary": summarize(rows),
                            "command": " ".join(cmd)})
            headroom = {"status": "ok", "wall_s": wall, "cpu_s": cpu, "command": " ".join(cmd)}
        except (HeadroomUnavailable, KeyError) as exc:
            headroom = {"status": f"unavailable: {exc}"}
            eprint(f"\nHEADROOM NOT RUN ({title}): {exc}\n")

    print(md_table(["method", "wall s", "MASE", "sMAPE", "cover80", "cover95", "MSIS"],
                   [[m["method"], f2(m["wall_s"], 2), f2(m["summary"]["mase"]), f2(m["summary"]["smape"], 2),
                     pct(m["summary"]["coverage"].get("all", {}).get("cover80")),
                     pct(m["summary"]["coverage"].get("all", {}).get("cover95")), f2(m["summary"]["msis"], 2)]
                    for m in methods]))
    print("\nCoverage per lead band (80 % / 95 %; below / above the 95 % interval):\n")
    print(md_table(["method"] + [b[0] for b in BANDS],
                   [[m["method"]] + [
                       (lambda c: f"{pct(c['cover80'])} / {pct(c['cover95'])} ({pct(c['below95'])} / {pct(c['above95'])})"
                        if c else "n/a")(m["summary"]["coverage"].get(b[0])) for b in BANDS]
                    for m in methods]))
    print("\nwall s: all windows together. statsforecast = one cross_validation call per model (n_jobs=1); "
          "Prophet = fit + predict + predictive samples per series and window; Headroom = one whole "
          "`headroom forecast` process per window (start-up, CSV, fit, forecast, CSV).")
    if headroom["status"] == "ok":
        for m in methods[:-1]:
            print(f"speed ratio {m['method']} / Headroom: {m['wall_s'] / headroom['wall_s']:.1f}x")
    return {"title": title, "windows": windows, "stride": stride, "horizon": h, "methods": methods, "headroom": headroom}


def nab_hourly_series(ddir):
    """Every NAB series summed to 1 hour (partial first and last hours dropped), whole length:
    id, ds, y (the sums), and for load_nab the counts per hour, the native step and steps per hour."""
    out = []
    for name in NAB_FILES:
        path = os.path.join(ddir, "nab", name)
        raw = pd.read_csv(path)
        if list(raw.columns[:2]) != ["timestamp", "value"]:
            die(f"{path}: expected header timestamp,value, got {list(raw.columns)}")
        ts = pd.to_datetime(raw["timestamp"]).dt.tz_localize("UTC")  # local time without zone: read as UTC
        s = pd.Series(raw["value"].astype(float).to_numpy(), index=ts).sort_index()
        step = float(np.median(np.diff(s.index.asi8)) / 1e9)
        per_hour = int(round(3600.0 / step))
        grouped = s.resample("1h")
        sums, counts = grouped.sum(), grouped.count()
        full = counts >= per_hour
        first, last = full.idxmax(), full[::-1].idxmax()
        sums, counts = sums[first:last], counts[first:last]
        out.append({"id": name[:-4], "ds": sums.index, "y": sums.to_numpy(), "sums": sums, "counts": counts,
                    "native_step_s": step, "per_hour": per_hour})
    return out


def demo_hourly_series(headroom_bin, workdir):
    """The demo fleet's requests per model and region (`headroom demo-data`, 8 weeks), summed to 1 hour."""
    path = os.path.join(workdir, "demo-traffic.csv")
    proc = subprocess.run([headroom_bin, "demo-data", "--weeks", "8", "--end", "2026-11-24", "--output", path],
                          capture_output=True, text=True, env=_ORIGINAL_ENV)
    if proc.returncode != 0:
        raise HeadroomUnavailable(f"headroom demo-data failed: {proc.stderr.strip()[-400:]}")
    raw = pd.read_csv(path)
    raw = raw[raw["metric"] == "requests"]
    raw["ts"] = pd.to_datetime(raw["timestamp"], utc=True, format="ISO8601")
    out = []
    for (model, region), g in raw.groupby(["model", "region"], sort=True):
        s = g.set_index("ts")["value"].astype(float).sort_index().resample("1h").sum()
        out.append({"id": f"{model}_{region}", "ds": s.index, "y": s.to_numpy()})
    return out

# --------------------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", help="folder holding nab/ (default: $HEADROOM_DATA or <repo>/../shared/data)")
    p.add_argument("--headroom-bin", default=os.environ.get("HEADROOM_BIN"),
                   help="Headroom binary (default: $HEADROOM_BIN or <repo>/.build/release/headroom)")
    p.add_argument("--skip-headroom", action="store_true", help="run the statsforecast half only")
    p.add_argument("--skip-synthetic", action="store_true", help="run case 1 (NAB) only")
    p.add_argument("--series", type=int, default=1000, help="number of synthetic series (default 1000)")
    p.add_argument("--seed", type=int, default=20240101, help="seed of the synthetic series")
    p.add_argument("--horizon", type=int, default=48, help="NAB holdout / horizon in hours (default 48)")
    p.add_argument("--skip-rolling", action="store_true",
                   help="leave out the rolling-window cases (NAB and the demo traffic, all methods with 80 and 95 %% intervals)")
    p.add_argument("--windows", type=int, default=10, help="rolling windows per series (default 10)")
    p.add_argument("--stride", type=int, default=24, help="steps between rolling windows (default 24)")
    p.add_argument("--no-prophet", dest="prophet", action="store_false", help="leave Prophet out of the rolling cases")
    p.add_argument("--sf-budget", type=float, default=120.0,
                   help="wall seconds per statsforecast model in case 2 before extrapolating (default 120)")
    p.add_argument("--ets-budget", type=float, default=20.0,
                   help="wall seconds for AutoETS(288) in case 2 (0 = leave it out; default 20)")
    p.add_argument("--synthetic-seasonality", default="",
                   help="value passed as --seasonality to Headroom in case 2 (default: none, i.e. Headroom's own default)")
    p.add_argument("--headroom-arg", action="append", default=[],
                   help="extra argument appended to every `headroom forecast` call (repeatable; write --headroom-arg=--flag for values starting with --)")
    p.add_argument("--headroom-timeout", type=float, default=900.0, help="seconds before a Headroom run is abandoned")
    p.add_argument("--workdir", help="keep the generated CSVs here (default: a temp dir, removed at the end)")
    p.add_argument("--json", metavar="FILE", help="write all figures to FILE as JSON")
    args = p.parse_args()
    if args.series < 1:
        die("--series must be >= 1")
    if args.windows < 1 or args.stride < 1:
        die("--windows and --stride must be >= 1")

    root = repo_root()
    ddir = data_dir(args, root)
    headroom_bin = args.headroom_bin or os.path.join(root, ".build", "release", "headroom")
    if args.workdir:
        os.makedirs(args.workdir, exist_ok=True)
        workdir, cleanup = os.path.abspath(args.workdir), False
    else:
        workdir, cleanup = tempfile.mkdtemp(prefix="headroom-bench-"), True

    try:
        versions = sf_versions()
    except ImportError as exc:
        die(f"statsforecast is not installed in this Python ({sys.executable}): {exc}. "
            f"Run scripts/bench-forecast.sh, which creates .venv-bench/.")

    meta = {
        "date_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": platform.python_version(),
        **versions,
        "headroom_commit": git_commit(root),
        "headroom_bin": None if args.skip_headroom else headroom_bin,
        "host": platform.node(), "cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg(),
        "python_threads": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
        "data": ddir,
    }
    print("# Headroom vs statsforecast forecasting benchmark\n")
    print(f"date (UTC) {meta['date_utc']}; python {meta['python']}; statsforecast {meta['statsforecast']}; "
          f"numpy {meta['numpy']}; pandas {meta['pandas']}; numba {meta['numba'] or 'not installed'}; "
          f"headroom commit {meta['headroom_commit']}")
    print(f"host {meta['host']}, {meta['cpus']} CPUs, load average at start "
          f"{', '.join(f'{x:.2f}' for x in meta['loadavg_at_start'])}; statsforecast n_jobs=1 with "
          f"OMP/OpenBLAS threads = 1; Headroom runs with its own defaults.")
    if meta["numba"] is None:
        print("JIT: this statsforecast does not use numba (compiled core), so there is no JIT compilation; "
              "a warm-up run on a tiny series is still done first and excluded from the timings.")
    else:
        print("JIT: numba present; a warm-up run on a tiny series compiles first, timings exclude compilation.")
    if not args.skip_headroom and not os.path.isfile(headroom_bin):
        eprint(f"warning: Headroom binary not found at {headroom_bin}; the Headroom half will be reported as not run.")

    results = {"meta": meta}
    t_all = time.perf_counter()
    try:
        results["nab"] = case_nab(args, ddir, workdir, headroom_bin)
        if not args.skip_rolling:
            results["rolling_nab"] = case_rolling(args, "Case 1b: NAB, rolling windows", nab_hourly_series(ddir),
                                                  "1h", "h", 24, [24, 168], workdir, headroom_bin, "nab")
            if args.skip_headroom:
                print("\nThe demo traffic comes from `headroom demo-data`: left out with --skip-headroom.")
            else:
                results["rolling_demo"] = case_rolling(args, "Case 1c: the demo traffic (requests), rolling windows",
                                                       demo_hourly_series(headroom_bin, workdir),
                                                       "1h", "h", 24, [24, 168], workdir, headroom_bin, "demo")
        if not args.skip_synthetic:
            results["synthetic"] = case_synthetic(args, workdir, headroom_bin)
    finally:
        if cleanup:
            shutil.rmtree(workdir, ignore_errors=True)
    results["meta"]["total_runtime_s"] = time.perf_counter() - t_all
    results["meta"]["loadavg_at_end"] = os.getloadavg()
    print(f"\ntotal benchmark runtime {results['meta']['total_runtime_s']:.0f} s; load average at end "
          f"{', '.join(f'{x:.2f}' for x in results['meta']['loadavg_at_end'])}")

    if args.json:
        def conv(o):
            if isinstance(o, (np.floating, np.integer)):
                return o.item()
            if isinstance(o, np.ndarray):
                return o.tolist()
            return str(o)
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2, default=conv)
        print(f"figures written to {args.json}")

    if not args.skip_headroom:
        failed = [k for k in ("nab", "rolling_nab", "rolling_demo", "synthetic") if k in results and results[k]["headroom"]["status"] != "ok"]
        if failed:
            eprint(f"Headroom half did not run for: {', '.join(failed)} (see above). Exit status 3.")
            sys.exit(3)


if __name__ == "__main__":
    main()
