// Summarises a V8 CPU profile of the bench's server (written by `npm run bench -- --node-options "--cpu-prof
// --cpu-prof-dir=DIR"`): the functions with the most self time, and the total time spent under functions whose name
// matches a pattern. Used for the figures in docs/performance.md.
//
//   npx tsx bench/profile.ts FILE.cpuprofile --timeline          (busy ms per second: find the scenarios)
//   npx tsx bench/profile.ts FILE.cpuprofile [--window FROM,TO] [--top 40] [--under 'REGEX']
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Busy (not idle) milliseconds in each second of the profile: where the scenarios ran. */
export function timeline(p: Profile): number[] {
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  const busy: number[] = [];
  let t = 0;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    const s = Math.floor(t / 1e6);
    busy[s] = (busy[s] ?? 0) + (idle.has(id) ? 0 : (p.timeDeltas[i] ?? 0) / 1000);
  });
  return Array.from(busy, (v) => v ?? 0);
}

export type Summary = {
  totalMs: number;
  self: { name: string; ms: number }[];
  under: { name: string; ms: number }[];
};

function label(n: Node): string {
  const f = n.callFrame;
  const file = f.url.replace(/^.*\/(node_modules|\.next)\//, "$1/").replace(/^file:\/\//, "");
  return `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
}

/** Self time per function and the time under each function whose name matches `under` (the innermost match takes a sample). */
export function summarise(p: Profile, under?: RegExp, window?: { fromS: number; toS: number }): Summary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  let t = 0;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    if (window && (t < window.fromS * 1e6 || t >= window.toS * 1e6)) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });

  const self = new Map<string, number>();
  const underMs = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const n = byId.get(id)!;
    self.set(label(n), (self.get(label(n)) ?? 0) + ms);
    if (!under) continue;
    // The innermost matching frame on this sample's stack gets it: name the phases, get each one's own share.
    let inner: Node | undefined;
    for (let cur: number | undefined = id; cur !== undefined && !inner; cur = parent.get(cur)) {
      const c = byId.get(cur)!;
      if (under.test(c.callFrame.functionName)) inner = c;
    }
    if (inner) underMs.set(inner.callFrame.functionName, (underMs.get(inner.callFrame.functionName) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs: (p.endTime - p.startTime) / 1000, self: sorted(self), under: sorted(underMs) };
}

function main(argv: string[]) {
  const file = argv[0];
  if (!file) throw new Error("usage: tsx bench/profile.ts FILE.cpuprofile [--top N] [--under REGEX]");
  const top = Number(argv[argv.indexOf("--top") + 1]) || 40;
  const u = argv.indexOf("--under");
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  if (argv.includes("--timeline")) {
    console.log(timeline(p).map((ms, s) => `${String(s).padStart(4)} s ${"#".repeat(Math.round(ms / 20))} ${ms.toFixed(0)}`).join("\n"));
    return;
  }
  const w = argv.indexOf("--window");
  const [fromS, toS] = w >= 0 ? argv[w + 1].split(",").map(Number) : [];
  const s = summarise(p, u >= 0 ? new RegExp(argv[u + 1]) : undefined, w >= 0 ? { fromS, toS } : undefined);
  console.log(`profile: ${(s.totalMs / 1000).toFixed(1)} s`);
  for (const r of s.self.slice(0, top)) console.log(`${r.ms.toFixed(0).padStart(8)} ms  ${r.name}`);
  if (s.under.length) console.log("\nunder:");
  for (const r of s.under) console.log(`${r.ms.toFixed(0).padStart(8)} ms  ${r.name}`);
}

if (process.argv[1]?.endsWith("profile.ts")) main(process.argv.slice(2));
