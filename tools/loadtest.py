#!/usr/bin/env python3
"""Load test of `acd serve` on loopback (never run in CI).

Starts the server (release build) on 127.0.0.1 with a generated scenario of
1,000 agents in a temporary directory, logs every agent in, then posts contact
arrivals from --workers processes, each over --connections keep-alive
connections with one request in flight per connection (raw sockets, so the
client costs little CPU), bounded by --count and --seconds. Reports
throughput and latency percentiles of `POST /v1/contacts` (acknowledged =
201, i.e. journaled durably).

    swift build -c release --product acd
    python3 tools/loadtest.py --binary .build/release/acd --count 200000 --seconds 20
"""
import argparse, http.client, json, multiprocessing as mp, os, secrets, selectors, shutil, signal, socket, subprocess, sys, tempfile, time

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


def cpu_seconds(pid):
    """User plus system CPU time of process `pid` so far (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def content_length(head):
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            return int(line[15:])
    return 0


def worker(port, token, supervisor, finish, count, seconds, connections, out):
    """Posts `count` arrivals over `connections` keep-alive sockets, one request
    in flight per socket (closed loop), with raw sockets so that the client
    costs little CPU next to the server. Stops after `seconds`. With `finish`,
    a contact that comes back connected is finished at once (no wrap-up), as
    the supervisor, before the next arrival on that socket: contacts come and
    go, so live contacts stay few and the journal holds both kinds of record."""
    def post(path, body, bearer):
        body = json.dumps(body).encode()
        return ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n"
                "Content-Length: %d\r\n\r\n" % (path, bearer, len(body))).encode() + body
    def arrival(i):
        return post("/v1/contacts", {"queue": "sales" if i % 2 else "support", "priority": i % 3,
                                     "attributes": {"customer": "load-%d" % i}}, token)
    sel = selectors.DefaultSelector()
    lat, ok, sent, end = [], 0, 0, time.time() + seconds
    for _ in range(min(connections, count)):
        s = socket.create_connection(("127.0.0.1", port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, [b"", time.perf_counter(), False])  # buffer, sent at, finishing
        s.send(arrival(sent))
        sent += 1
    open_ = len(sel.get_map())
    while open_:
        for key, _ in sel.select(timeout=10):
            s, state = key.fileobj, key.data
            chunk = s.recv(65536)
            if not chunk:
                raise SystemExit("server closed a connection")
            buf = state[0] + chunk
            while True:
                end_head = buf.find(b"\r\n\r\n")
                if end_head < 0:
                    break
                length = content_length(buf[:end_head])
                if len(buf) < end_head + 4 + length:
                    break
                status, body = buf[9:12], buf[end_head + 4:end_head + 4 + length]
                buf = buf[end_head + 4 + length:]
                if not state[2]:
                    lat.append(time.perf_counter() - state[1])
                    ok += status == b"201"
                    if finish and status == b"201" and b'"connected"' in body:
                        state[2] = True
                        s.send(post("/v1/contacts/%s/finish" % json.loads(body)["id"], {"wrapUpSeconds": 0}, supervisor))
                        continue
                state[2] = False
                if sent < count and time.time() < end:
                    s.send(arrival(sent))
                    state[1] = time.perf_counter()
                    sent += 1
                else:
                    sel.unregister(s)
                    s.close()
                    open_ -= 1
                    break
            state[0] = buf
    out.put((ok, lat))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/release/acd")
    p.add_argument("--port", type=int, default=18080)
    p.add_argument("--agents", type=int, default=1000)
    p.add_argument("--count", type=int, default=20000, help="total arrivals (bound)")
    p.add_argument("--seconds", type=float, default=30, help="time bound for the arrival phase")
    p.add_argument("--workers", type=int, default=2, help="client processes")
    p.add_argument("--connections", type=int, default=8, help="keep-alive connections per client process, one request in flight each")
    p.add_argument("--finish", action="store_true",
                   help="finish each contact that comes back connected (live contacts stay few; a longer journal)")
    p.add_argument("--restart", action="store_true", help="then stop the server and time its restart on the same journal")
    p.add_argument("--server-args", default="", help="extra arguments for acd serve, e.g. '--snapshot-every 0'")
    a = p.parse_args()
    workdir = tempfile.mkdtemp(prefix="acd-loadtest-")
    proc, tel, sup = start_server(a.binary, workdir, a.agents, a.port, ["--offer-timeout", "0", *a.server_args.split()])
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
        procs = [mp.Process(target=worker, args=(a.port, tel, sup, a.finish, per, a.seconds, a.connections, q))
                 for _ in range(a.workers)]
        t, cpu = time.time(), cpu_seconds(proc.pid)
        for w in procs:
            w.start()
        results = [q.get() for _ in procs]
        wall, cpu = time.time() - t, cpu_seconds(proc.pid) - cpu
        for w in procs:
            w.join()
        ok = sum(r[0] for r in results)
        lat = sorted(x for r in results for x in r[1])
        pct = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))] * 1000
        print("arrivals: %d acknowledged of %d in %.2f s: %.0f /s with %d client processes x %d connections"
              % (ok, len(lat), wall, ok / wall, a.workers, a.connections))
        print("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f" % (pct(0.5), pct(0.9), pct(0.99), lat[-1] * 1000))
        print("server CPU: %.0f us per arrival (user + system), %.2f cores busy" % (cpu / max(1, len(lat)) * 1e6, cpu / wall))
        status, body = call(conn, "GET", "/v1/stats", sup)
        s = json.loads(body)
        print("server: live contacts %d, agents %s" % (s["liveContacts"], s["agents"]))
        status, body = call(conn, "GET", "/metrics", sup)
        m = dict(line.rsplit(" ", 1) for line in body.decode().splitlines() if line and not line.startswith("#"))
        for name, what in [("acd_journal_append_duration_seconds", "journal commits"), ("acd_http_request_duration_seconds", "requests, in the server")]:
            n = float(m.get(name + "_count", 0))
            if n:
                over = lambda le: n - float(m.get(name + '_bucket{le="%s"}' % le, n))
                print("%s: %d, mean %.2f ms, %d over 2 ms, %d over 5 ms"
                      % (what, n, float(m[name + "_sum"]) / n * 1000, over("0.002"), over("0.005")))
        if a.restart:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
            data = os.path.join(workdir, "data")
            sizes = {f: os.path.getsize(os.path.join(data, f)) for f in sorted(os.listdir(data))}
            t = time.time()
            proc, tel, sup = start_server(a.binary, workdir, a.agents, a.port, ["--offer-timeout", "0", *a.server_args.split()])
            print("restarted in %.2f s on %s" % (time.time() - t, ", ".join("%s %.1f MB" % (f, n / 1e6) for f, n in sizes.items())))
            conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
            status, body = call(conn, "GET", "/v1/stats", sup)
            print("after restart: live contacts %d" % json.loads(body)["liveContacts"])
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
