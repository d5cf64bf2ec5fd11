// The bench starts the server with the same Node.js flags as `npm start`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startScriptNodeFlags } from "./server";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function withStart(start: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-flags-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ scripts: { start } }));
  return dir;
}

describe("startScriptNodeFlags", () => {
  it("reads the flags given to node before the script", () => {
    expect(startScriptNodeFlags(withStart("node --max-old-space-size=320 node_modules/next/dist/bin/next start"))).toEqual(["--max-old-space-size=320"]);
    expect(startScriptNodeFlags(withStart("node --max-old-space-size=320 --max-semi-space-size=16 x.js"))).toEqual(["--max-old-space-size=320", "--max-semi-space-size=16"]);
  });

  it("finds none in a plain `next start`, and this repo's own start script has the heap cap", () => {
    expect(startScriptNodeFlags(withStart("next start"))).toEqual([]);
    expect(startScriptNodeFlags(process.cwd())).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
  });
});
