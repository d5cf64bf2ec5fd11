import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { recordId, secret } from "@/lib/form-state";

// auth.ts is Auth.js and the database; the wrapper only needs its answer: a staff member, or a redirect (thrown).
const signedIn = { current: null as null | { id: number; email: string; name: string; role: "admin" | "agent" } };
class Redirect extends Error {}
vi.mock("@/auth", () => ({
  requireStaff: async (role?: "admin") => {
    const staff = signedIn.current;
    if (!staff) throw new Redirect("/login");
    if (role === "admin" && staff.role !== "admin") throw new Redirect("/dashboard?error=forbidden");
    return staff;
  },
}));
const { staffAction } = await import("./staff-action");

const agent = { id: 2, email: "agent@example.com", name: "Agent", role: "agent" as const };
const admin = { id: 1, email: "admin@example.com", name: "Admin", role: "admin" as const };

const Form = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(10, "Keep it short."),
  password: secret(z.string().min(10, "Ten characters at least.")),
  tags: z.array(z.string()).transform((tags) => tags.filter(Boolean)),
});

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
}

describe("staffAction", () => {
  const handler = vi.fn(async (..._args: unknown[]) => {});
  beforeEach(() => {
    handler.mockClear();
    signedIn.current = agent;
  });

  it("refuses a caller without the role before reading anything", async () => {
    const action = staffAction({ role: "admin", args: [recordId], schema: Form }, handler);
    await expect(action(7, {}, form({ name: "x" }))).rejects.toThrow("/dashboard?error=forbidden");
    signedIn.current = null;
    await expect(action(7, {}, form({ name: "x" }))).rejects.toThrow("/login");
    await expect(staffAction({ role: "staff" }, handler)()).rejects.toThrow("/login");
    expect(handler).not.toHaveBeenCalled();
  });

  it("maps schema issues to the first message per field and keeps what was typed, but never a secret", async () => {
    const action = staffAction({ role: "staff", schema: Form }, handler);
    const state = await action({}, form({ name: "far too long a name", password: "short", tags: ["a", "b"] }));
    expect(state).toEqual({
      message: "Please correct the fields marked below.",
      fieldErrors: { name: "Keep it short.", password: "Ten characters at least." },
      values: { name: "far too long a name", tags: ["a", "b"] },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("keys nested issues like the inputs' names", async () => {
    const Rows = z.object({ rows: z.array(z.object({ label: z.string().min(1, "Label it.") })) });
    const action = staffAction({ role: "staff", schema: Rows, read: () => ({ rows: [{ label: "ok" }, { label: "" }] }) }, handler);
    expect((await action({}, new FormData())).fieldErrors).toEqual({ "rows.1.label": "Label it." });
  });

  it("answers junk (no FormData, a made-up id) harmlessly, without calling the handler", async () => {
    signedIn.current = admin;
    const action = staffAction({ role: "admin", args: [recordId], schema: Form }, handler) as unknown as (...a: unknown[]) => Promise<unknown>;
    expect(await action()).toEqual({ message: "This form is out of date: reload the page and try again." });
    expect(await action("matrix-junk", {}, form({}))).toEqual({ message: "This form is out of date: reload the page and try again." });
    const noForm = (await action(7, "junk", { name: "x" })) as { fieldErrors: Record<string, string> };
    expect(Object.keys(noForm.fieldErrors).sort()).toEqual(["name", "password"]);
    const plain = staffAction({ role: "admin", args: [recordId, z.boolean()] }, handler) as unknown as (...a: unknown[]) => Promise<unknown>;
    expect(await plain(7, "yes")).toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes the parsed input, the staff member and the bound ids to the handler, and its answer back", async () => {
    const action = staffAction({ role: "staff", args: [recordId.nullable()], schema: Form }, async (input, staff, id) => {
      handler(input, staff, id);
      return { message: `saved ${id}` };
    });
    expect(await action(null, {}, form({ name: " Nina ", password: "long-enough-1", tags: "x" }))).toEqual({ message: "saved null" });
    expect(handler).toHaveBeenCalledWith({ name: "Nina", password: "long-enough-1", tags: ["x"] }, agent, null);
  });

  it("sends a handler's own field errors back with what was typed", async () => {
    const action = staffAction({ role: "staff", schema: Form }, async () => ({ fieldErrors: { name: "Taken." } }));
    expect(await action({}, form({ name: "Nina", password: "long-enough-1" }))).toEqual({
      message: "Please correct the fields marked below.",
      fieldErrors: { name: "Taken." },
      values: { name: "Nina", tags: [] },
    });
  });

  it("lets a redirect thrown by the handler through", async () => {
    const action = staffAction({ role: "staff", args: [recordId] }, async (_, _staff, id) => {
      throw new Redirect(`/somewhere/${id}`);
    });
    await expect(action(3)).rejects.toThrow("/somewhere/3");
  });

  it("a plain form's invalid input changes nothing and answers nothing", async () => {
    const action = staffAction({ role: "staff", args: [recordId], schema: z.object({ role: z.enum(["admin", "agent"]) }), plain: true }, handler);
    expect(await action(3, form({ role: "owner" }))).toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
    await action(3, form({ role: "admin" }));
    expect(handler).toHaveBeenCalledWith({ role: "admin" }, agent, 3);
  });
});
