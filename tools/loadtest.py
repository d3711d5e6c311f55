#!/usr/bin/env python3
"""Load test of `acd serve` on loopback (never run in CI).

Starts the server (release build) on 127.0.0.1 with a generated scenario of
1,000 agents in a temporary directory, logs every agent in, then posts contact
arrivals from several processes over keep-alive connections, bounded by
--count and --seconds. Reports throughput and latency percentiles of
`POST /v1/contacts` (acknowledged = 201, i.e. journaled durably).

    swift build -c release --product acd
    python3 tools/loadtest.py --binary .build/release/acd --count 20000 --seconds 30
"""
import argparse, http.client, json, multiprocessing as mp, os, secrets, shutil, signal, subprocess, sys, tempfile, time

SCENARIO = """name: loadtest
duration: 1h
queues:
  - name: sales
    arrivals: { rate_per_hour: 1000 }
    handle_time: { dist: exponential, mean: 180s }
    target: { service_level: 0.8, within: 20s }
  - name: support
    arrivals: { rate_per_hour: 1000 }
    handle_time: { dist: exponential, mean: 180s }
    target: { service_level: 0.8, within: 20s }
agents:
  - group: pool
    count: %d
    skills: { sales: 5, support: 5 }
"""


def start_server(binary, workdir, agents, port, extra=()):
    scenario = os.path.join(workdir, "scenario.yaml")
    with open(scenario, "w") as f:
        f.write(SCENARIO % agents)
    tel, sup = secrets.token_hex(16), secrets.token_hex(16)
    tokens = os.path.join(workdir, "tokens.txt")
    with open(tokens, "w") as f:
        f.write(f"{tel} telephony\n{sup} supervisor\n")
    log = open(os.path.join(workdir, "server.log"), "ab")
    proc = subprocess.Popen([binary, "serve", "--config", scenario, "--port", str(port), "--host", "127.0.0.1",
                             "--data", os.path.join(workdir, "data"), "--tokens", tokens, *extra],
                            stdout=log, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return proc, tel, sup
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start; see " + log.name)


def call(conn, method, path, token, body=None):
    headers = {"Authorization": "Bearer " + token}
    data = None
    if body is not None:
        data = json.dumps(body)
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=data, headers=headers)
    r = conn.getresponse()
    payload = r.read()
    return r.status, payload


def worker(port, token, count, seconds, out):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    lat, ok, end = [], 0, time.time() + seconds
    for i in range(count):
        if time.time() > end:
            break
        t = time.perf_counter()
        status, _ = call(conn, "POST", "/v1/contacts", token,
                         {"queue": "sales" if i % 2 else "support", "priority": i % 3,
                          "attributes": {"customer": "load-%d" % i}})
        lat.append(time.perf_counter() - t)
        ok += status == 201
    out.put((ok, lat))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/release/acd")
    p.add_argument("--port", type=int, default=18080)
    p.add_argument("--agents", type=int, default=1000)
    p.add_argument("--count", type=int, default=20000, help="total arrivals (bound)")
    p.add_argument("--seconds", type=float, default=30, help="time bound for the arrival phase")
    p.add_argument("--workers", type=int, default=8)
    a = p.parse_args()
    workdir = tempfile.mkdtemp(prefix="acd-loadtest-")
    proc, tel, sup = start_server(a.binary, workdir, a.agents, a.port, ["--offer-timeout", "0"])
    try:
        conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
        t = time.time()
        for i in range(1, a.agents + 1):
            status, body = call(conn, "POST", "/v1/agents/pool%%23%d/login" % i, sup)
            if status != 200:
                raise SystemExit("login failed: %d %s" % (status, body))
        print("%d agents logged in in %.1f s" % (a.agents, time.time() - t))
        q = mp.Queue()
        per = a.count // a.workers
        procs = [mp.Process(target=worker, args=(a.port, tel, per, a.seconds, q)) for _ in range(a.workers)]
        t = time.time()
        for w in procs:
            w.start()
        results = [q.get() for _ in procs]
        wall = time.time() - t
        for w in procs:
            w.join()
        ok = sum(r[0] for r in results)
        lat = sorted(x for r in results for x in r[1])
        pct = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))] * 1000
        print("arrivals: %d acknowledged of %d in %.2f s: %.0f /s with %d workers" % (ok, len(lat), wall, ok / wall, a.workers))
        print("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f" % (pct(0.5), pct(0.9), pct(0.99), lat[-1] * 1000))
        status, body = call(conn, "GET", "/v1/stats", sup)
        s = json.loads(body)
        print("server: live contacts %d, agents %s" % (s["liveContacts"], s["agents"]))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
