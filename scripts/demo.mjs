// npm run demo, up to the server: installs the packages, builds, migrates and seeds, saying what each step is before
// it starts. A second run skips the install when node_modules matches package-lock.json and the build when no source
// file changed since the last one; DEMO_FORCE=1 does both again. npm run demo then starts the server (start:demo).
// Plain Node.js with no dependencies: it runs before there are any.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const force = process.env.DEMO_FORCE === "1";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const BUILD_STAMP = path.join(".next", "demo-source-hash");
// Not sources: what installs, builds, tests and the app itself write (next-env.d.ts appears with the first build).
const NOT_SOURCES = new Set(["node_modules", "data", "test-results", "playwright-report", "screenshots", "bench/tmp", "bench/results", "next-env.d.ts"]);

function step(message, command, args) {
  console.log(`\n${message}`);
  const r = spawnSync(command, args, { stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) {
    console.error(`\n\`${[command, ...args].join(" ")}\` failed${r.status == null ? "" : ` (exit code ${r.status})`}; the demo stops here.`);
    process.exit(r.status || 1);
  }
}

/** Whether node_modules holds exactly what package-lock.json lists (npm records what it installed in .package-lock.json). */
function installedMatchesLock() {
  let lock, installed;
  try {
    lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages;
    installed = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages;
  } catch {
    return false;
  }
  const same = (a, b) => a && b && a.version === b.version && a.integrity === b.integrity;
  for (const [name, entry] of Object.entries(lock)) {
    if (name === "" || entry.link) continue;
    // Optional packages for other platforms (esbuild's, say) are listed but never installed.
    if (!installed[name] ? !entry.optional : !same(entry, installed[name])) return false;
  }
  return Object.keys(installed).every((name) => lock[name]);
}

/** The SQLite driver is compiled for one Node.js version: check that it loads in this one. */
function driverLoads() {
  const probe = 'new (require("better-sqlite3"))(":memory:").close()';
  return spawnSync(process.execPath, ["-e", probe], { stdio: "ignore" }).status === 0;
}

/** A hash of every source file (names and contents), to tell whether the last build is still this tree's. */
function sourceHash(dir = ".", hash = crypto.createHash("sha256")) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = path.posix.join(dir === "." ? "" : dir, entry.name);
    // Dot entries are the build, the test data, git, the CI script and .env.local (read when the server starts).
    if (entry.name.startsWith(".") || entry.name.endsWith(".tsbuildinfo") || NOT_SOURCES.has(rel)) continue;
    if (entry.isDirectory()) sourceHash(rel, hash);
    else if (entry.isFile()) hash.update(`${rel}\0`).update(fs.readFileSync(rel)).update("\0");
  }
  return hash;
}

if (!force && installedMatchesLock() && driverLoads()) {
  console.log("Dependencies are installed and match package-lock.json (DEMO_FORCE=1 npm run demo reinstalls).");
} else {
  step("Installing dependencies (compiles the SQLite driver, better-sqlite3, about 2–3 minutes; needs python3, make, g++)…", npm, ["ci", "--no-audit", "--no-fund"]);
}

const hash = sourceHash().digest("hex");
const built = fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(BUILD_STAMP) && fs.readFileSync(BUILD_STAMP, "utf8") === hash;
if (!force && built) {
  console.log("The production build is up to date with the sources (DEMO_FORCE=1 npm run demo, or rm -rf .next, rebuilds).");
} else {
  step("Building the production server (about 1–2 minutes)…", npm, ["run", "build"]);
  fs.writeFileSync(BUILD_STAMP, hash);
}

step("Migrating and seeding the demo database (./data/app.db)…", npm, ["run", "--silent", "setup"]);

const port = process.env.PORT || "3000";
console.log(`Starting the server on http://localhost:${port} (this machine only; Ctrl-C stops it)…\n`);
