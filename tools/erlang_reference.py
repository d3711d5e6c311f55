#!/usr/bin/env python3
"""High-precision reference values for Erlang B, C and A (mpmath, 40+ digits).

Writes Tests/StaffingTests/Data/erlang_reference.csv. Independent of the Swift
code (Sources/Staffing): Erlang B from the Poisson form with mpmath's
incomplete gamma; Erlang A from the birth-death stationary distribution,
summed term by term at high precision (no GSL, no log-gamma shortcuts for
A(x, y)); the service level from a positive integral (no cancellation):
answered after waiting, within t, is (1/rho) pi_n lambda int_0^t
exp(-(n mu + theta) u + y (1 - e^{-theta u})) du, where the Swift code uses the
closed form of Garnett, Mandelbaum and Reiman and a continued fraction.
Self-checks (asserted before writing): P(served) + P(Ab) = 1; on small cases
the service level equals the closed form 1 - P(Ab) - P(W > t, served) and the positive sum over queue lengths of
P(served within t | j waiting) = x/(x+j+1) * I_{1-e^{-theta t}}(j+1, x+1)
(order-statistics form, mpmath.betainc), and E[W; served] equals
mpmath.quad of P(W > t, served).

Usage: python3 tools/erlang_reference.py  (about a minute on 2 cores)
"""
import csv
import math
import multiprocessing
import os
import sys

import mpmath as mp
from mpmath import mpf

BASE_DPS = 40
AHT = 128.0  # a power of 2: lambda * AHT is exact in double, as in the Swift code
LOADS = [0.01, 0.1, 1.0, 10.0, 100.0, 1000.0, 5000.0, 10000.0]
PATIENCE_OVER_AHT = [1e-3, 0.1, 1.0, 10.0, 1e3]
THRESHOLDS = [0.0, 20.0, 60.0]
MAX_AGENTS = 20000
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "StaffingTests", "Data", "erlang_reference.csv")
COLUMNS = ["model", "lambda", "aht", "patience", "T", "agents", "erlangB", "pWait", "serviceLevel",
           "serviceLevelAnswered", "asa", "pAbandon", "occupancy", "meanWaitAll"]


def agents_for(load):
    a = load
    s = math.sqrt(a)
    cands = {1, 2, 5, max(1, math.floor(a / 2)), max(1, math.floor(a)), math.floor(a) + 1,
             math.ceil(a + s), math.ceil(a + 3 * s), math.ceil(2 * a), MAX_AGENTS}
    return sorted(n for n in cands if 1 <= n <= MAX_AGENTS)


def erlang_b(n, a):
    """B(n, a) = Poisson(a) pmf at n over Poisson(a) cdf at n."""
    log_pmf = n * mp.log(a) - a - mp.loggamma(n + 1)
    return mp.exp(log_pmf) / mp.gammainc(n + 1, a, mp.inf, regularized=True)


def t_sums(x, y, eps):
    """Sums over j >= 0 of T_j, j T_j and T_j x/(x+j+1) H_j, where
    T_j = prod_{k=1..j} y/(x+k) (stationary weight of n+j in system relative to n)
    and H_j = sum_{i=1..j+1} 1/(x+i). Summed outward from the mode of T_j; returned
    as (L, S0, S1, SW) with the true sums exp(L) * S."""
    m = max(0, int(mp.floor(y - x)))
    L = m * mp.log(y) - (mp.loggamma(x + m + 1) - mp.loggamma(x + 1))
    hm = mp.digamma(x + m + 2) - mp.digamma(x + 1)
    s0 = s1 = sw = mpf(0)
    t, h, j = mpf(1), hm, m
    while True:
        s0 += t
        s1 += j * t
        sw += t * x / (x + j + 1) * h
        j += 1
        t *= y / (x + j)
        h += 1 / (x + j + 1)
        r = y / (x + j + 1)
        if r < 1:
            g = 1 / (1 - r)
            if (t * g < eps * s0 and t * (j * g + g * g) < eps * s1
                    and t * (h * g + g * g / (x + j)) < eps * sw):
                break
    t, h, j = mpf(1), hm, m
    while j > 0:
        t *= (x + j) / y
        h -= 1 / (x + j + 1)
        j -= 1
        s0 += t
        s1 += j * t
        sw += t * x / (x + j + 1) * h
        q = (x + j) / y
        if t / (1 - q) * (j + 1) < eps * min(s0, s1 if s1 > 0 else s0, sw):
            break
    return L, s0, s1, sw


def erlang_a(lam, aht, patience, n, ts, dps):
    """Erlang A figures for each threshold in ts, from the birth-death chain."""
    with mp.workdps(dps):
        lam, aht, patience = mpf(lam), mpf(aht), mpf(patience)
        eps = mpf(10) ** (-(dps - 8))
        a = lam * aht
        theta = 1 / patience
        x = n / aht / theta
        y = lam / theta
        b = erlang_b(n, a)
        L, s0, s1, sw = t_sums(x, y, eps)
        big_a = mp.exp(L) * s0                      # A(x, y) = sum_j T_j
        z = 1 / b - 1 + big_a                       # normaliser, weight of state n = 1
        p_wait = big_a / z
        p_ab = mp.exp(L) * s1 / (y * z)             # theta E[queue] / lambda
        p_served = (a * (1 / b - 1) - n + n * big_a) / (a * z)   # mu E[busy] / lambda
        assert abs(p_served + p_ab - 1) < mpf(10) ** (-(dps - 12)), (n, x, y)
        p_nowait = (1 / b - 1) / z
        w_served = mp.exp(L) * sw / (theta * z)     # E[W; served]
        rows = []
        for t in ts:
            t = mpf(t)
            # Answered after waiting, within t: (1/rho) pi_n D(t), with the positive integral
            # D(t) = lambda int_0^t exp(-(n mu + theta) u + y (1 - e^{-theta u})) du
            # (= (A - 1) - (A(x, y e^{-theta t}) - 1) e^{-n mu t + y (1 - e^{-theta t})}).
            within = mpf(0)
            if t > 0:
                rate = n / aht + theta
                f = lambda u: mp.exp(-rate * u + y * (1 - mp.exp(-theta * u)))
                pts = {mpf(0), t}
                slope = abs(lam - rate)
                for k in (1, 10, 100):
                    if k / slope < t:
                        pts.add(k / slope)
                if lam > rate:
                    peak = mp.log(lam / rate) / theta
                    if peak < t:
                        pts.add(peak)
                within = lam * mp.quad(f, sorted(pts))
            sl = p_nowait + within / (y / x) / z
            rows.append(dict(erlangB=b, pWait=p_wait, serviceLevel=sl, serviceLevelAnswered=sl / p_served,
                             asa=w_served / p_served, pAbandon=p_ab, occupancy=a * p_served / n,
                             meanWaitAll=p_ab * patience))
        return rows


def erlang_a_rows(args):
    lam, aht, patience, n = args
    rows = erlang_a(lam, aht, patience, n, THRESHOLDS, BASE_DPS)
    return [fmt_row("A", lam, aht, patience, t, n, r) for t, r in zip(THRESHOLDS, rows)]


def erlang_c_rows(args):
    lam, aht, n = args
    with mp.workdps(BASE_DPS):
        a = mpf(lam) * mpf(aht)
        b = erlang_b(n, a)
        out = []
        for t in THRESHOLDS:
            if a >= n:
                r = dict(erlangB=b, pWait=1, serviceLevel=0, serviceLevelAnswered=0, asa=mp.inf, pAbandon=0,
                         occupancy=1, meanWaitAll=mp.inf)
            else:
                c = n * b / (n - a * (1 - b))
                sl = 1 - c * mp.exp(-(n - a) / mpf(aht) * t)
                asa = c * mpf(aht) / (n - a)
                r = dict(erlangB=b, pWait=c, serviceLevel=sl, serviceLevelAnswered=sl, asa=asa, pAbandon=0,
                         occupancy=a / n, meanWaitAll=asa)
            out.append(fmt_row("C", lam, aht, "", t, n, r))
        r = dict(erlangB=b, pWait=0, serviceLevel=1 - b, serviceLevelAnswered=1, asa=0, pAbandon=b,
                 occupancy=a * (1 - b) / n, meanWaitAll=0)
        out.append(fmt_row("B", lam, aht, "", 0.0, n, r))
        return out


def fmt(v):
    if v == mp.inf:
        return "inf"
    return mp.nstr(mpf(v), 20, min_fixed=-4, max_fixed=6)


def fmt_row(model, lam, aht, patience, t, n, r):
    row = [model, repr(lam), repr(aht), repr(patience) if patience != "" else "", repr(float(t)), str(n)]
    return row + [fmt(r[k]) for k in COLUMNS[6:]]


def self_checks():
    """The closed-form service level and the series ASA against independent routes."""
    mp.mp.dps = 30
    for lam, aht, patience, n, t in [(0.05, 240.0, 90.0, 14, 30.0), (0.02, 300.0, 120.0, 8, 20.0),
                                     (0.5, 10.0, 3.0, 4, 5.0), (0.1, 10.0, 40.0, 2, 2.0)]:
        rows = erlang_a(lam, aht, patience, n, [t], 30)
        lam_, aht_, pat_ = mpf(lam), mpf(aht), mpf(patience)
        theta = 1 / pat_
        x, y, a = n / aht_ / theta, lam_ / theta, lam_ * aht_
        b = erlang_b(n, a)
        weights = [mpf(1)]
        while weights[-1] > mpf(10) ** -40 or len(weights) < y - x:
            weights.append(weights[-1] * y / (x + len(weights)))
        z = 1 / b - 1 + mp.fsum(weights)
        p = 1 - mp.exp(-theta * t)
        sl = (1 / b - 1) / z + mp.fsum(w / z * x / (x + j + 1) * mp.betainc(j + 1, x + 1, 0, p, regularized=True)
                                       for j, w in enumerate(weights))
        assert abs(sl - rows[0]["serviceLevel"]) < mpf(10) ** -20, ("SL", lam, n, sl, rows[0]["serviceLevel"])

        def served_after(s):
            y2 = y * mp.exp(-theta * s)
            term, a2 = mpf(1), mpf(1)
            for k in range(1, 400):
                term *= y2 / (x + k)
                a2 += term
            return (a2 - 1) * mp.exp(-n * s / aht_ + y * (1 - mp.exp(-theta * s))) / (y / x) / z
        closed = 1 - rows[0]["pAbandon"] - served_after(mpf(t))
        assert abs(closed - rows[0]["serviceLevel"]) < mpf(10) ** -20, ("closed form", lam, n)
        integral = mp.quad(served_after, [0, aht_, 10 * aht_, mp.inf])
        p_served = 1 - rows[0]["pAbandon"]
        assert abs(integral / p_served - rows[0]["asa"]) < mpf(10) ** -15, ("ASA", lam, n)


def main():
    self_checks()
    a_tasks, c_tasks = [], []
    for load in LOADS:
        lam = load / AHT
        for n in agents_for(load):
            c_tasks.append((lam, AHT, n))
            for ratio in PATIENCE_OVER_AHT:
                a_tasks.append((lam, AHT, AHT * ratio, n))
    a_tasks.sort(key=lambda task: -task[0] * task[2])  # largest y first
    with multiprocessing.Pool(os.cpu_count() or 1) as pool:
        rows = [r for rs in pool.map(erlang_c_rows, c_tasks) for r in rs]
        for i, rs in enumerate(pool.imap(erlang_a_rows, a_tasks, chunksize=1)):
            rows += rs
            if i % 25 == 0:
                print(f"Erlang A {i}/{len(a_tasks)}", file=sys.stderr)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
