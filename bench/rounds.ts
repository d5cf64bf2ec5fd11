// The writes against the one-row insert, measured in alternation. In the main pass each scenario runs once, in a fixed
// order, so a write and the reference it is held against are measured a minute or more apart, and this machine's
// drift over that time moved the ratio by ±0.15 from run to run. Here they run in short rounds, the insert and each
// write one after another, the order rotating from round to round; each round gives each write its ratio to the
// insert of the same round, and the target reads their median.
import { stats } from "./queries";
import { POOL_USED_UP, runScenario, type LoadOptions, type Scenario } from "./scenarios";
import { WRITE_SCENARIOS, type WriteRounds } from "./report";

/** The p50 of a write's round ratios, as the bench takes every p50 (of an even count, the lower middle); none: NaN. */
function medianOf(ratios: number[]): number {
  return ratios.length ? stats(ratios).p50 : Number.NaN;
}

/** Round `round`'s order: the list turned by `round` places. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  return items.map((_, i) => items[(i + round) % items.length]);
}

/** A run that proves nothing: its pool ran out, it got no answer, or an answer came without its write. */
function unusable(r: { requests: number; errors: number; note?: string }): boolean {
  return r.requests === 0 || r.errors > 0 || (r.note ?? "").includes(POOL_USED_UP);
}

export async function writeRounds(scenarios: readonly Scenario[], o: LoadOptions & { rounds: number }): Promise<WriteRounds | null> {
  const insert = scenarios.find((s) => s.id === "ref-insert");
  const writes = scenarios.filter((s) => WRITE_SCENARIOS.includes(s.id));
  if (!insert || writes.length === 0 || o.rounds <= 0) return null;
  const ratios = new Map<string, number[]>(writes.map((w) => [w.id, []]));
  o.log?.(`Writes against the one-row insert in alternation: ${o.rounds} rounds of ${o.warmup} s warm-up + ${o.duration} s each…`);
  for (let round = 0; round < o.rounds; round++) {
    const rps = new Map<string, number>();
    for (const s of rotate([insert, ...writes], round)) {
      const r = await runScenario(s, { ...o, log: undefined });
      if (!unusable(r)) rps.set(s.id, r.rps);
    }
    const base = rps.get(insert.id);
    const parts = writes.map((w) => {
      const v = rps.get(w.id);
      if (base && v) ratios.get(w.id)!.push(v / base);
      return `${w.id} ${base && v ? (v / base).toFixed(2) : "—"}`;
    });
    o.log?.(`  round ${round + 1}: ${parts.join(", ")} × the insert (${base ? Math.round(base) : "—"} req/s)`);
  }
  return {
    rounds: o.rounds,
    seconds: o.duration,
    scenarios: writes.map((w) => ({ id: w.id, name: w.name, ratios: ratios.get(w.id)!, median: medianOf(ratios.get(w.id)!) })),
  };
}
