#!/usr/bin/env python3
"""Crash test of `acd serve` on loopback (never run in CI).

Starts the server, logs agents in, then runs contact arrivals, accepts and
agent not-ready/ready changes from several processes; after --seconds it kills
the server with SIGKILL mid-load, restarts it on the same journal and checks
that every acknowledged (2xx) contact still exists (waiting, offered,
connected, wrap-up, completed or abandoned: nothing lost) and that every agent
whose last acknowledged change was not-ready is still not ready with that
reason, and every agent made ready is still logged in (or the agent is as
the change then in flight made it: sent, not answered, maybe committed).

    swift build -c release --product acd
    python3 tools/crashtest.py --binary .build/release/acd --seconds 5
"""
import argparse, json, multiprocessing as mp, os, shutil, signal, sys, tempfile, time, http.client
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadtest import start_server, call  # noqa: E402


def worker(port, tel, sup, index, agents, seconds, out):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    # An agent change sent but not answered when the server died may or may
    # not have been committed: either state is then right for that agent.
    acked, agent_state, inflight, i = [], {}, None, 0
    end = time.time() + seconds + 30
    try:
        while time.time() < end:
            i += 1
            status, body = call(conn, "POST", "/v1/contacts", tel, {"queue": "sales" if i % 2 else "support"})
            if status == 201:
                acked.append(json.loads(body)["id"])
            if i % 5 == 0:
                a = agents[(i // 5) % len(agents)]
                if (i // 5) % 3 == 0:
                    inflight = (a, ("not-ready", i % 100))
                    status, body = call(conn, "POST", "/v1/agents/pool%%23%d/not-ready" % a, sup, {"reason": i % 100})
                else:
                    inflight = (a, ("ready", None))
                    status, body = call(conn, "POST", "/v1/agents/pool%%23%d/ready" % a, sup)
                if status == 200:
                    agent_state[a] = inflight[1]
                inflight = None
    except (OSError, http.client.HTTPException):
        pass  # the server was killed
    out.put((acked, agent_state, inflight))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/release/acd")
    p.add_argument("--port", type=int, default=18081)
    p.add_argument("--agents", type=int, default=100)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--seconds", type=float, default=5, help="load before SIGKILL")
    p.add_argument("--server-args", default="", help="extra arguments for acd serve, e.g. '--snapshot-every 500'")
    a = p.parse_args()
    workdir = tempfile.mkdtemp(prefix="acd-crashtest-")
    server_args = ["--offer-timeout", "0", *a.server_args.split()]
    proc, tel, sup = start_server(a.binary, workdir, a.agents, a.port, server_args)
    conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
    for i in range(1, a.agents + 1):
        call(conn, "POST", "/v1/agents/pool%%23%d/login" % i, sup)
    q = mp.Queue()
    # Each worker owns a disjoint set of agents, so its last acknowledged change is the agent's last.
    procs = [mp.Process(target=worker, args=(a.port, tel, sup, w, list(range(w + 1, a.agents + 1, a.workers)), a.seconds, q))
             for w in range(a.workers)]
    for w in procs:
        w.start()
    time.sleep(a.seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    results = [q.get() for _ in procs]
    for w in procs:
        w.join()
    acked = [c for r in results for c in r[0]]
    agent_state = {k: v for r in results for k, v in r[1].items()}
    unanswered = dict(r[2] for r in results if r[2])
    print("killed with SIGKILL after %.1f s: %d contacts and %d agent changes acknowledged, %d changes in flight"
          % (a.seconds, len(acked), len(agent_state), len(unanswered)))
    t = time.time()
    proc, _, _ = start_server(a.binary, workdir, a.agents, a.port, server_args)
    # start_server wrote fresh tokens; read the ones now in force
    with open(os.path.join(workdir, "tokens.txt")) as f:
        tokens = dict(line.split()[::-1] for line in f if line.strip())
    tel, sup = tokens["telephony"], tokens["supervisor"]
    print("restarted in %.2f s" % (time.time() - t))
    conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
    lost, states = [], {}
    for cid in acked:
        status, body = call(conn, "GET", "/v1/contacts/" + cid, tel)
        if status != 200:
            lost.append(cid)
        else:
            s = json.loads(body)["state"]
            states[s] = states.get(s, 0) + 1
    wrong = []
    def matches(v, want, reason):
        if want == "not-ready":  # not ready, or still finishing a contact with the reason pending
            return v["state"] in ("not-ready", "busy", "wrap-up") and v.get("notReadyReason") == reason
        return v["state"] not in ("logged-out", "not-ready")
    for agent, (want, reason) in sorted(agent_state.items()):
        status, body = call(conn, "GET", "/v1/agents/pool%%23%d" % agent, sup)
        v = json.loads(body)
        if not matches(v, want, reason) and not (agent in unanswered and matches(v, *unanswered[agent])):
            wrong.append((agent, want, reason, v))
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
    print("acknowledged contacts after restart: %s" % states)
    print("lost contacts: %d; agents in a wrong state: %d" % (len(lost), len(wrong)))
    for w in wrong[:5]:
        print("  ", w)
    shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if lost or wrong else 0)


if __name__ == "__main__":
    main()
