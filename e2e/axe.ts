// axe-core over a page as it stands: its serious and critical violations (e2e/a11y.spec.ts, e2e/bank.spec.ts).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export type Found = { page: string; width: number; rule: string; impact: string; nodes: string[] };

export async function scan(page: Page, path: string, width: number, disableRules: string[] = []): Promise<Found[]> {
  const results = await new AxeBuilder({ page }).disableRules(disableRules).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ page: path, width, rule: v.id, impact: v.impact!, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}
