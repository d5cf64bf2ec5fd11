// `npm run demo` publishes its passwords in the README, so the server it starts must listen on loopback only.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const scripts: Record<string, string> = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts;

/** The commands a script runs, one argv each, with `npm run X -- args` (and `npm start`) expanded as npm would. */
function commands(script: string, extra: string[] = []): string[][] {
  return scripts[script].split("&&").flatMap((step, i, steps) => {
    const argv = step.trim().split(/\s+/);
    const tail = i === steps.length - 1 ? extra : [];
    const dashes = argv.indexOf("--");
    const args = dashes >= 0 ? argv.slice(dashes + 1) : [];
    const head = dashes >= 0 ? argv.slice(0, dashes) : argv;
    if (head[0] === "npm" && head[1] === "run" && head.length === 3) return commands(head[2], [...args, ...tail]);
    if (head[0] === "npm" && head[1] === "start" && head.length === 2) return commands("start", [...args, ...tail]);
    return [[...argv, ...tail]];
  });
}

/** The address `next start` is told to listen on (-H/--hostname), or undefined: Next.js's default, every interface. */
function nextStartHost(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === "start");
  const args = argv.slice(i + 1);
  for (let j = 0; j < args.length; j++) {
    if (args[j] === "-H" || args[j] === "--hostname") return args[j + 1];
    const inline = /^(?:-H|--hostname)=?(.+)$/.exec(args[j]);
    if (inline) return inline[1];
  }
  return undefined;
}

const startsNext = (argv: string[]) => argv.some((a) => /(^|\/)next$/.test(a)) && argv.includes("start");

describe("npm run demo", () => {
  it("starts the server on loopback only", () => {
    const servers = commands("demo").filter(startsNext);
    expect(servers).toHaveLength(1);
    expect(nextStartHost(servers[0])).toBe("127.0.0.1");
  });

  it("leaves `npm start` on Next.js's defaults, which `-- -H <address>` and PORT change", () => {
    const [server] = commands("start").filter(startsNext);
    expect(server).toBeDefined();
    expect(nextStartHost(server)).toBeUndefined();
    expect(server.some((a) => a === "-p" || a.startsWith("--port"))).toBe(false);
  });
});
