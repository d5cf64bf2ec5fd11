import { describe, expect, it } from "vitest";
import { webhookUrlProblem } from "./endpoint-url";

describe("webhookUrlProblem refuses every private, loopback and internal target the audit tried", () => {
  it.each([
    ["https://10.0.0.5/hook", "10.0.0.5 is a private network address"],
    ["https://172.16.0.1/hook", "172.16.0.1 is a private network address"],
    ["https://172.31.9.9/hook", "172.31.9.9 is a private network address"],
    ["https://192.168.1.10/hook", "192.168.1.10 is a private network address"],
    ["https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"],
    ["https://[::1]/hook", "[::1] is a loopback address"],
    ["https://[fd00::1]/hook", "[fd00::1] is a private IPv6 address"],
    ["https://[::ffff:169.254.169.254]/hook", "[::ffff:a9fe:a9fe] is a link-local address"],
    ["https://[::ffff:127.0.0.1]:6379/", "is a loopback address"],
    ["https://[::127.0.0.1]/", "is a loopback address"],
    ["https://[64:ff9b::10.0.0.1]/", "is a private network address"],
    ["https://0.0.0.0/hook", "0.0.0.0 is an unspecified address"],
    ["https://0/hook", "0.0.0.0 is an unspecified address"],
    ["https://2130706433/hook", "127.0.0.1 is a loopback address"],
    ["https://0x7f000001/hook", "127.0.0.1 is a loopback address"],
    ["https://127.1/hook", "127.0.0.1 is a loopback address"],
    ["https://0177.0.0.1/hook", "127.0.0.1 is a loopback address"],
    ["https://100.64.1.1/hook", "100.64.1.1 is a carrier-grade NAT address"],
    ["https://224.0.0.1/hook", "224.0.0.1 is a multicast address"],
    ["https://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a name inside a private network"],
    ["https://metadata.google.internal./", "metadata.google.internal is a name inside a private network"],
    ["https://localhost:6379/", "localhost is this server itself"],
    ["https://LOCALHOST./", "localhost is this server itself"],
    ["https://x.localhost/", "x.localhost is this server itself"],
    ["https://redis:6379/", "redis is a name inside a private network"],
    ["http://localhost:6379/", "localhost is this server itself"],
    ["http://127.0.0.1:4000/hook", "127.0.0.1 is a loopback address"],
    ["http://[::1]:4000/hook", "[::1] is a loopback address"],
  ])("%s", (url, message) => {
    const problem = webhookUrlProblem(url);
    expect(problem).toContain(message);
    expect(problem).toContain("public internet");
  });

  it("accepts https on public hosts and refuses plain http there", () => {
    expect(webhookUrlProblem("https://shop.example/hooks")).toBeNull();
    expect(webhookUrlProblem("https://93.184.216.34/hooks")).toBeNull();
    expect(webhookUrlProblem("https://[2606:4700:4700::1111]/hooks")).toBeNull();
    expect(webhookUrlProblem("http://shop.example/hooks")).toMatch(/https:\/\//);
    expect(webhookUrlProblem("ftp://shop.example")).toMatch(/https/);
    expect(webhookUrlProblem("https://user:pw@shop.example")).toMatch(/user name/);
    expect(webhookUrlProblem("shop.example")).toMatch(/full URL/);
    expect(webhookUrlProblem(" ")).toMatch(/Enter/);
  });

  it("with WEBHOOK_ALLOW_PRIVATE allows private and loopback hosts, and plain http only to this machine", () => {
    const dev = { allowPrivate: true };
    expect(webhookUrlProblem("http://localhost:4000/hook", dev)).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:4000/hook", dev)).toBeNull();
    expect(webhookUrlProblem("http://[::1]:4000/hook", dev)).toBeNull();
    expect(webhookUrlProblem("https://10.0.0.5/hook", dev)).toBeNull();
    expect(webhookUrlProblem("https://metadata.google.internal/", dev)).toBeNull();
    expect(webhookUrlProblem("http://10.0.0.5/hook", dev)).toMatch(/https:\/\//);
    expect(webhookUrlProblem("http://shop.example/hooks", dev)).toMatch(/https:\/\//);
  });
});
