"""The accuracy table of `sitcen forecast` against statsforecast, on held-out weeks.

Run by scripts/forecast-accuracy (which makes DIR); not by CI. Reads from DIR:
  train.csv   `sitcen forecast --format csv` at the end of the training weeks (history + forecast)
  actual.csv  the same at the end of the held-out weeks (its history holds what came)
  shapes.csv  the shape each synthetic series was generated with
and prints, by shape: the mean MASE of sitcen's forecast, of the seasonal naive forecast and of
the reference (statsforecast AutoETS for smooth series, CrostonSBA for intermittent ones), all
fed the same weekly history; and how often the 80 % and 95 % bands held the held-out weeks.
MASE's scale is the in-sample MAE of the yearly seasonal naive forecast (two years of history
or more), else of the naive one, as sitcen computes it.
"""
import sys
import warnings

import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, CrostonSBA

warnings.filterwarnings("ignore")
SEASON = 52
INTERMITTENT = {"intermittent", "fading"}


def scale(y):
    m = SEASON if len(y) >= 2 * SEASON else 1
    d = np.abs(y[m:] - y[:-m])
    return d.mean() if len(d) and d.mean() > 0 else np.nan


def seasonal_naive(y, h):
    if len(y) >= SEASON:
        return np.array([y[len(y) - SEASON + k % SEASON] for k in range(h)])
    return np.repeat(y[-1], h)


def reference(history, shapes, h):
    """statsforecast on the same weekly history: AutoETS with 80/95 bands, CrostonSBA."""
    df = history.rename(columns={"series": "unique_id", "week": "ds", "value": "y"})[["unique_id", "ds", "y"]]
    df["ds"] = pd.to_datetime(df["ds"])
    smooth = df[~df["unique_id"].map(shapes).isin(INTERMITTENT)]
    rare = df[df["unique_id"].map(shapes).isin(INTERMITTENT)]
    out = {}
    if len(smooth):
        f = StatsForecast(models=[AutoETS(season_length=SEASON)], freq="W-MON", n_jobs=1).forecast(df=smooth, h=h, level=[80, 95])
        f = f.reset_index() if "unique_id" not in f.columns else f
        for uid, g in f.groupby("unique_id"):
            out[uid] = g[["AutoETS", "AutoETS-lo-80", "AutoETS-hi-80", "AutoETS-lo-95", "AutoETS-hi-95"]].to_numpy()
    if len(rare):
        f = StatsForecast(models=[CrostonSBA()], freq="W-MON", n_jobs=1).forecast(df=rare, h=h)
        f = f.reset_index() if "unique_id" not in f.columns else f
        for uid, g in f.groupby("unique_id"):
            mean = g["CrostonSBA"].to_numpy()
            nan = np.full(len(mean), np.nan)
            out[uid] = np.column_stack([mean, nan, nan, nan, nan])
    return out


def main(folder):
    train = pd.read_csv(f"{folder}/train.csv")
    actual = pd.read_csv(f"{folder}/actual.csv")
    shapes = pd.read_csv(f"{folder}/shapes.csv").set_index("series")["shape"].to_dict()
    history = train[train["kind"] == "history"]
    forecast = train[train["kind"] == "forecast"]
    h = forecast.groupby("series").size().max()
    ref = reference(history, shapes, h)
    rows = []
    for uid, g in history.groupby("series"):
        y = g["value"].to_numpy()
        s = scale(y)
        last = g["week"].max()
        came = actual[(actual["series"] == uid) & (actual["kind"] == "history") & (actual["week"] > last)]["value"].to_numpy()[:h]
        f = forecast[forecast["series"] == uid]
        mean, lo80, hi80, lo95, hi95 = (f[c].to_numpy()[:len(came)] for c in ["mean", "lo80", "hi80", "lo95", "hi95"])
        r = ref[uid][:len(came)]
        rows.append({
            "series": uid, "shape": shapes[uid], "method": f["method"].iloc[0],
            "sitcen": np.mean(np.abs(came - mean)) / s,
            "naive": np.mean(np.abs(came - seasonal_naive(y, len(came)))) / s,
            "reference": np.mean(np.abs(came - r[:, 0])) / s,
            "in80": np.mean((came >= lo80) & (came <= hi80)), "in95": np.mean((came >= lo95) & (came <= hi95)),
            "ref80": np.mean((came >= r[:, 1]) & (came <= r[:, 2])) if not np.isnan(r[0, 1]) else np.nan,
            "ref95": np.mean((came >= r[:, 3]) & (came <= r[:, 4])) if not np.isnan(r[0, 3]) else np.nan,
            "weeks": len(came),
        })
    t = pd.DataFrame(rows)
    t["group"] = np.where(t["shape"].isin(INTERMITTENT), "intermittent", "smooth")

    def line(name, d):
        def cov(c):
            k = d[d[c].notna()]
            return f"{100 * np.average(k[c], weights=k['weeks']):.0f} %" if len(k) else "—"
        return (f"| {name} | {len(d)} | {d['sitcen'].mean():.3f} | {d['naive'].mean():.3f} | {d['reference'].mean():.3f} "
                f"| {cov('in80')} | {cov('in95')} | {cov('ref80')} | {cov('ref95')} |")

    print("| series | n | MASE sitcen | MASE seasonal naive | MASE reference | sitcen 80 % held | sitcen 95 % held | reference 80 % held | reference 95 % held |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for shape in ["level", "trend", "seasonal", "seasonal-trend", "intermittent", "fading"]:
        d = t[t["shape"] == shape]
        if len(d):
            print(line(shape, d))
    print(line("**smooth**", t[t["group"] == "smooth"]))
    print(line("**intermittent**", t[t["group"] == "intermittent"]))
    print(line("**all**", t))
    print()
    print("Methods chosen by sitcen: " + ", ".join(f"{m} {n}" for m, n in t["method"].value_counts().items()))
    print(f"Held-out weeks per series: {int(t['weeks'].max())}. Reference: statsforecast AutoETS(season_length={SEASON}) "
          "on smooth series, CrostonSBA on intermittent ones (it gives no band by itself).")
    t.to_csv(f"{folder}/table.csv", index=False)


if __name__ == "__main__":
    main(sys.argv[1])
