import { describe, expect, it } from "vitest";
import { hostKind, ipAddressKind } from "./address";

describe("ipAddressKind", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["169.254.169.254", "link-local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "reserved"],
    ["240.0.0.1", "reserved"],
    ["192.0.0.170", "reserved"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fd00::1", "unique-local"],
    ["fc00::", "unique-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    // IPv4-mapped, in both spellings, reach the IPv4 address.
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["[::ffff:7f00:1]", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    // IPv4-compatible (deprecated).
    ["::127.0.0.1", "loopback"],
    ["::7f00:1", "loopback"],
    ["::a00:1", "private"],
    ["::8.8.8.8", "reserved"],
    // NAT64 of a private IPv4, and local-use NAT64.
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b:1::1", "private"],
    // 6to4 of a private IPv4.
    ["2002:c0a8:101::1", "private"],
    ["2002:7f00:1::", "loopback"],
    ["2001:db8::1", "reserved"],
    ["2001::1", "reserved"], // Teredo
    ["100::1", "reserved"],
    ["::ffff:0:7f00:1", "reserved"],
  ])("%s is %s", (ip, kind) => {
    expect(ipAddressKind(ip)).toBe(kind);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1", "169.255.0.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001::200e", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::1"])(
    "%s is public",
    (ip) => {
      expect(ipAddressKind(ip)).toBe("public");
    },
  );

  it.each(["shop.example", "1.2.3", "1.2.3.256", "::1::2", "1:2:3:4:5:6:7:8:9", "gggg::1", "", ":"])("%s is not an IP address", (s) => {
    expect(ipAddressKind(s)).toBeNull();
  });
});

describe("hostKind", () => {
  it.each([
    ["localhost", "loopback"],
    ["localhost.", "loopback"],
    ["api.localhost", "loopback"],
    ["metadata.google.internal", "internal-name"],
    ["metadata.google.internal.", "internal-name"],
    ["printer.local", "internal-name"],
    ["router.home.arpa", "internal-name"],
    ["redis", "internal-name"],
    ["metadata", "internal-name"],
    ["shop.example", "public"],
    ["hooks.shop.example.com", "public"],
    ["localhost.shop.example", "public"],
  ])("%s is %s", (host, kind) => {
    expect(hostKind(host)).toBe(kind);
  });
});
