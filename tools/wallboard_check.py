#!/usr/bin/env python3
"""Checks the wallboard in a real headless browser (Debian's chromium).

Starts `acd serve` on a free loopback port with a temporary data directory
and tokens file (or uses the server given with --url and its tokens), opens `/#token=<supervisor token>` in headless chromium and
reads the page through the DevTools protocol (a websocket, spoken here with
the standard library only): the page must load and show live figures (the
queues sales and support, agents by state, the "live" status). Then it posts
a contact arrival to sales and checks that the page updates in place (one
more contact waiting there, no reload). Bounded: every wait times out.

Exits 0 when the checks pass, 1 when one fails, and 0 with a line starting
"skipped:" when chromium is not installed.

    swift build -c release --product acd
    python3 tools/wallboard_check.py --binary .build/release/acd
"""
import argparse, base64, http.client, json, os, shutil, signal, socket, struct, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loadtest import start_server, call  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DevTools:
    """A minimal websocket client (RFC 6455, text frames) for one DevTools target."""

    def __init__(self, url):
        host, _, path = url.removeprefix("ws://").partition("/")
        name, _, port = host.partition(":")
        self.sock = socket.create_connection((name, int(port)), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, host, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise SystemExit("DevTools websocket refused: %r" % head)
        self.next_id = 0

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise SystemExit("DevTools websocket closed")
            data += chunk
        return data

    def _frame(self):
        b0, b1 = self._read(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack(">H", self._read(2))[0]
        elif n == 127:
            n = struct.unpack(">Q", self._read(8))[0]
        return b0 & 0x80, b0 & 0x0F, self._read(n)

    def _message(self):
        payload = b""
        while True:
            fin, opcode, data = self._frame()
            if opcode == 8:
                raise SystemExit("DevTools websocket closed")
            if opcode in (0, 1):
                payload += data
                if fin:
                    return json.loads(payload)

    def send(self, method, **params):
        self.next_id += 1
        data = json.dumps({"id": self.next_id, "method": method, "params": params}).encode()
        mask = os.urandom(4)
        n = len(data)
        head = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n)
                                if n < 65536 else bytes([0x80 | 127]) + struct.pack(">Q", n))
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
        while True:
            m = self._message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise SystemExit("DevTools %s: %s" % (method, m["error"]))
                return m["result"]

    def evaluate(self, expression):
        r = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return r["result"].get("value")


# What the page shows, read from its DOM: status line, queue rows, agent counts.
READ_PAGE = """JSON.stringify({
  status: document.getElementById('status').textContent,
  queues: Array.from(document.querySelectorAll('#queues tr')).map(r => Array.from(r.cells).map(c => c.textContent)),
  agents: document.getElementById('agents').textContent})"""


def wait_for(devtools, what, condition, seconds):
    deadline, page = time.time() + seconds, None
    while time.time() < deadline:
        page = json.loads(devtools.evaluate(READ_PAGE) or "null")
        if page and condition(page):
            return page
        time.sleep(0.2)
    raise SystemExit("FAIL: %s within %.0f s; the page shows %s" % (what, seconds, page))


def waiting(page, queue):
    return next((int(row[1]) for row in page["queues"] if row and row[0] == queue), None)


def check(chromium, workdir, base, supervisor, telephony):
    """Opens the wallboard of the server at `base` and checks it; raises SystemExit on a failure."""
    browser = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--remote-debugging-port=0", "--user-data-dir=" + os.path.join(workdir, "chromium"),
                                "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        active = os.path.join(workdir, "chromium", "DevToolsActivePort")
        deadline = time.time() + 30
        while not (os.path.exists(active) and open(active).read().strip()):
            if time.time() > deadline or browser.poll() is not None:
                raise SystemExit("FAIL: chromium did not open its DevTools port")
            time.sleep(0.1)
        devtools_port = int(open(active).read().split()[0])
        conn = http.client.HTTPConnection("127.0.0.1", devtools_port, timeout=10)
        conn.request("GET", "/json/list")
        page = next(t for t in json.loads(conn.getresponse().read()) if t["type"] == "page")
        devtools = DevTools(page["webSocketDebuggerUrl"])
        t = time.time()
        devtools.send("Page.navigate", url="%s/#token=%s" % (base, supervisor))
        shown = wait_for(devtools, "the page loads and shows live figures",
                         lambda p: p["status"].startswith("live") and waiting(p, "sales") is not None
                         and waiting(p, "support") is not None
                         and all(s + ":" in p["agents"] for s in ("available", "busy", "not-ready", "logged-out")), 20)
        print("loaded in %.2f s: status %r, queues %s, agents %r"
              % (time.time() - t, shown["status"], shown["queues"], shown["agents"]))
        before = waiting(shown, "sales")
        devtools.evaluate("window.acdCheckMarker = 1")  # gone if the page reloads
        host, _, port = base.removeprefix("http://").partition(":")
        api = http.client.HTTPConnection(host, int(port), timeout=10)
        status, body = call(api, "POST", "/v1/contacts", telephony, {"queue": "sales"})
        if status != 201:
            raise SystemExit("FAIL: arrival not accepted: %d %s" % (status, body))
        t = time.time()
        shown = wait_for(devtools, "the page shows the arriving contact waiting in sales",
                         lambda p: waiting(p, "sales") == before + 1, 10)
        if devtools.evaluate("window.acdCheckMarker") != 1:
            raise SystemExit("FAIL: the page reloaded instead of updating")
        print("updated in place %.2f s after a contact arrived: queues %s" % (time.time() - t, shown["queues"]))
        print("wallboard check passed")
    finally:
        browser.kill()
        browser.wait()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/release/acd")
    p.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    p.add_argument("--url", help="check a server already running there (e.g. http://127.0.0.1:8080) instead of starting one")
    p.add_argument("--supervisor-token", help="with --url")
    p.add_argument("--telephony-token", help="with --url")
    a = p.parse_args()
    if not a.chromium:
        print("skipped: chromium is not installed (Debian: apt-get install chromium)")
        return
    workdir = tempfile.mkdtemp(prefix="acd-wallboard-")
    server = None
    try:
        if a.url:
            base, sup, tel = a.url.rstrip("/"), a.supervisor_token, a.telephony_token
        else:
            port = free_port()
            server, tel, sup = start_server(a.binary, workdir, 3, port)
            base = "http://127.0.0.1:%d" % port
        check(a.chromium, workdir, base, sup, tel)
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
