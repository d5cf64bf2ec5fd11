import { describe, expect, it } from "vitest";
import { isWellFormedRequestId, requestIdOf } from "./request-id";

describe("request ids", () => {
  it("keep a well-formed incoming id", () => {
    for (const id of ["0b7c9e2a-5f1d-4c3e-9a8b-7d6e5f4c3b2a", "req_12345678", "trace.abc:def-42"]) expect(requestIdOf(id)).toBe(id);
  });

  it("replace a missing, short, long or unsafe one with a fresh UUID", () => {
    for (const bad of [null, undefined, "", "short", "x".repeat(129), "has space12", "new\nline12", "quote\"1234", "<script>1"]) {
      expect(isWellFormedRequestId(bad), String(bad)).toBe(false);
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(requestIdOf(null)).not.toBe(requestIdOf(null));
  });
});
