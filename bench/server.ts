// Builds (or reuses) the production server, starts `next start` on loopback, and samples the RSS of its process tree.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { ServerMemory } from "./report";

const ROOT = process.cwd();
/** What the server is built from; copied to the bench's own build directory. */
const SOURCES = ["app", "components", "db", "lib", "server", "public", "drizzle", "drizzle-pg", "types", "auth.ts", "auth.config.ts", "auth-handlers.ts", "proxy.ts", "instrumentation.ts", "next.config.ts", "next-env.d.ts", "package.json", "postcss.config.mjs", "tsconfig.json"];

/**
 * The bench builds and serves a copy of the app in a directory of its own (outside the work tree), so it never
 * rewrites the .next/ that a developer's server or the e2e suite is using at the same time.
 */
export function buildDir(root = ROOT): string {
  const id = crypto.createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 10);
  return path.join(os.tmpdir(), `direct-payments-bench-${id}`);
}

/** Copies what changed (by size and mtime) from src to dst, removes what src no longer has; returns how many files changed. */
export function syncTree(src: string, dst: string, depth = 0): number {
  if (depth > 20) return 0;
  let changed = 0;
  const st = fs.statSync(src);
  if (!st.isDirectory()) {
    if (/\.test\.tsx?$/.test(src)) return 0;
    let d: fs.Stats | null = null;
    try {
      d = fs.statSync(dst);
    } catch {
      // new
    }
    if (!d || d.size !== st.size || Math.abs(d.mtimeMs - st.mtimeMs) > 1) {
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.copyFileSync(src, dst);
      fs.utimesSync(dst, st.atime, st.mtime);
      changed++;
    }
    return changed;
  }
  fs.mkdirSync(dst, { recursive: true });
  const names = new Set(fs.readdirSync(src).filter((n) => !/\.test\.tsx?$/.test(n)));
  for (const n of fs.readdirSync(dst)) {
    if (!names.has(n)) {
      fs.rmSync(path.join(dst, n), { recursive: true, force: true });
      changed++;
    }
  }
  for (const n of names) changed += syncTree(path.join(src, n), path.join(dst, n), depth + 1);
  return changed;
}

function otherBuildRunning(): boolean {
  const ps = spawnSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return ps.stdout.split("\n").some((l) => /next(\/dist\/bin\/next)? build/.test(l) && !l.trim().startsWith(String(process.pid)));
}

/**
 * Copies the sources to the bench's build directory and builds there, unless the copy is unchanged since its last
 * successful build. Waits (bounded) while another `next build` runs on this machine, to share the 2 cores fairly.
 */
export async function ensureBuild(opts: { force?: boolean; log: (s: string) => void }): Promise<{ reused: boolean; seconds: number; dir: string }> {
  const dir = buildDir();
  fs.mkdirSync(dir, { recursive: true });
  let changed = 0;
  for (const s of SOURCES) {
    const src = path.join(ROOT, s);
    if (fs.existsSync(src)) changed += syncTree(src, path.join(dir, s));
    else if (fs.existsSync(path.join(dir, s))) {
      fs.rmSync(path.join(dir, s), { recursive: true, force: true });
      changed++;
    }
  }
  const modules = path.join(dir, "node_modules");
  const lockNow = fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8");
  const lockStamp = path.join(dir, ".bench-lock");
  if (!fs.existsSync(modules) || !fs.existsSync(lockStamp) || fs.readFileSync(lockStamp, "utf8") !== lockNow) {
    // Hard links: instant, and no second copy of node_modules on disk. (Turbopack refuses a symlink out of the root.)
    fs.rmSync(modules, { recursive: true, force: true });
    const cp = spawnSync("cp", ["-al", path.join(ROOT, "node_modules"), modules]);
    if (cp.status !== 0) throw new Error(`could not link node_modules into ${dir}: ${cp.stderr}`);
    fs.writeFileSync(lockStamp, lockNow);
    changed++;
  }
  const stamp = path.join(dir, ".bench-built");
  const built = fs.existsSync(stamp) && fs.existsSync(path.join(dir, ".next", "BUILD_ID"));
  if (!opts.force && built && changed === 0) {
    opts.log(`Reusing the production build in ${dir} (sources unchanged since it was built).`);
    return { reused: true, seconds: 0, dir };
  }
  for (let i = 0; i < 120 && otherBuildRunning(); i++) {
    if (i === 0) opts.log("Another `next build` is running on this machine; waiting for it to finish…");
    await new Promise((r) => setTimeout(r, 5000));
  }
  opts.log(`Building the production server in ${dir} (next build)…`);
  fs.rmSync(stamp, { force: true });
  const t = performance.now();
  const res = spawnSync(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (res.status !== 0) throw new Error(`next build failed (exit ${res.status})`);
  fs.writeFileSync(stamp, new Date().toISOString());
  return { reused: false, seconds: (performance.now() - t) / 1000, dir };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process and all its descendants, in MB, from /proc. */
export function treeRssMb(rootPid: number): number {
  let children: Map<number, number[]>;
  try {
    children = new Map();
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (!children.has(ppid)) children.set(ppid, []);
        children.get(ppid)!.push(Number(d));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return 0;
  }
  let kb = 0;
  const stack = [rootPid];
  for (let guard = 0; stack.length && guard < 10_000; guard++) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

export type BenchServer = {
  url: string;
  port: number;
  pid: number;
  peakRssMb: () => number;
  /** The peak since the last call (per scenario). */
  takeWindowPeakMb: () => number;
  /** The server's memory by kind now, after a full garbage collection when `collect` (its /api/bench/memory probe). */
  memory: (collect?: boolean) => Promise<ServerMemory | null>;
  /** Of the probe's samples, once a second while the server runs, the one with the most RSS. */
  memoryAtPeak: () => ServerMemory | null;
  stop: () => Promise<void>;
};

/** The Node.js flags of package.json's `start` script (`node --max-old-space-size=… …/next start`). */
export function startScriptNodeFlags(root: string): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: { start?: string } }).scripts?.start ?? "";
  return start.match(/(?<=^node\s(?:.*\s)?)--[a-z-]+=\S+/g) ?? [];
}

/** Reads the server's memory probe (app/api/bench/memory, enabled by BENCH_ROUTES=1) into MB; null if it does not answer. */
export async function probeMemory(url: string, collect = false): Promise<ServerMemory | null> {
  try {
    const res = await fetch(`${url}/api/bench/memory${collect ? "?gc=1" : ""}`, { signal: AbortSignal.timeout(collect ? 30_000 : 2_000) });
    if (!res.ok) return null;
    const m = (await res.json()) as Record<string, number>;
    const mb = (x: number) => x / 1024 / 1024;
    return {
      rssMb: mb(m.rss),
      heapTotalMb: mb(m.heapTotal),
      heapUsedMb: mb(m.heapUsed),
      arrayBuffersMb: mb(m.arrayBuffers),
      pageCacheMb: mb(m.pageCacheBytes),
      pageCacheEntries: m.pageCacheEntries,
    };
  } catch {
    return null;
  }
}

export async function startServer(opts: { appDir: string; databaseUrl: string; dataDir: string; nodeOptions?: string | null; log: (s: string) => void }): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: opts.databaseUrl,
    UPLOAD_DIR: path.join(opts.dataDir, "uploads"),
    AUTH_SECRET: "bench-only-secret-not-for-production-0000000",
    AUTH_TRUST_HOST: "true",
    APP_URL: url,
    NEXT_TELEMETRY_DISABLED: "1",
    // Far above any load the bench makes, yet within what PostgreSQL's api_rate_buckets.milli_tokens (an integer) holds:
    // the burst is a tenth of a minute's allowance in milli-tokens, perMinute × 100 ≤ 2^31 − 1 (100,000,000 answered
    // every API request on PostgreSQL with a 500, "out of range for type integer").
    API_RATE_LIMIT_PER_MINUTE: "20000000",
    // The outbox rows are written (that is part of the write path); delivering them is not what we measure.
    WEBHOOKS_DISABLED: "1",
    BENCH_ROUTES: "1",
  };
  // The server runs as `npm start` runs it (its Node.js flags: the heap cap), unless --node-options says otherwise. They
  // go on the command line rather than in NODE_OPTIONS, which refuses some (--cpu-prof).
  delete env.NODE_OPTIONS;
  const flags = opts.nodeOptions ? opts.nodeOptions.split(/\s+/).filter(Boolean) : startScriptNodeFlags(opts.appDir);
  const child: ChildProcess = spawn(process.execPath, [...flags, path.join(opts.appDir, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: opts.appDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-20_000)));
  let exited = false;
  child.on("exit", () => (exited = true));

  let peak = 0;
  let windowPeak = 0;
  const sample = () => {
    if (exited || !child.pid) return;
    const rss = treeRssMb(child.pid);
    peak = Math.max(peak, rss);
    windowPeak = Math.max(windowPeak, rss);
  };
  const timer = setInterval(sample, 250);
  timer.unref();

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`next start exited:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  opts.log(`next start is serving on ${url} (pid ${child.pid}).`);
  let memoryPeak: ServerMemory | null = null;
  let probing = false;
  const probe = setInterval(() => {
    if (probing || exited) return;
    probing = true;
    void probeMemory(url)
      .then((m) => {
        if (m && (!memoryPeak || m.rssMb > memoryPeak.rssMb)) memoryPeak = m;
      })
      .finally(() => (probing = false));
  }, 1000);
  probe.unref();
  return {
    url,
    port,
    pid: child.pid!,
    peakRssMb: () => {
      sample();
      return peak;
    },
    takeWindowPeakMb: () => {
      sample();
      const w = windowPeak;
      windowPeak = 0;
      return w;
    },
    memory: (collect = false) => probeMemory(url, collect),
    memoryAtPeak: () => memoryPeak,
    stop: async () => {
      clearInterval(timer);
      clearInterval(probe);
      sample();
      if (exited) return;
      child.kill("SIGTERM");
      for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
      if (!exited) child.kill("SIGKILL");
    },
    get output() {
      return output;
    },
  } as BenchServer;
}
