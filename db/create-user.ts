// CLI: npm run user:create -- --email E --password P --role admin|agent [--name N]
import { parseArgs } from "node:util";
import { closeDb, openDatabase } from "./connection";
import { createUser } from "./users";

const usage = "Usage: npm run user:create -- --email you@example.com --password '<at least 10 characters>' --role admin|agent [--name 'Your Name']";

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.email || !values.password || !values.role) {
    console.error(`Missing ${["email", "password", "role"].filter((k) => !values[k as keyof typeof values]).map((k) => `--${k}`).join(", ")}.\n${usage}`);
    return 2;
  }
  const db = await openDatabase();
  const res = await createUser(db, { email: values.email, password: values.password, role: values.role, name: values.name });
  await closeDb(db);
  if (!res.ok) {
    console.error(`Error: ${res.message}`);
    return 1;
  }
  console.log(`Created ${res.user.role} ${res.user.email} (id ${res.user.id}).`);
  return 0;
}

main().then((code) => process.exit(code));
