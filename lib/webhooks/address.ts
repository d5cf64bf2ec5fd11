// Which hosts and IP addresses a webhook may reach: only the public internet, so an endpoint URL cannot make this server
// call itself, its private network or a cloud metadata service (SSRF). Pure: the dispatcher checks every address a
// name resolves to with these same rules before it connects.

/** Why an address is not on the public internet; "public" when it is. */
export type AddressKind = "public" | "unspecified" | "loopback" | "private" | "shared" | "link-local" | "unique-local" | "multicast" | "reserved";

/** The kind of a host name that is not an IP address: "public" means "decide by what it resolves to". */
export type HostKind = AddressKind | "internal-name";

/** Parses dotted-decimal IPv4 (the only form URL.hostname and dns.lookup give) into a 32-bit number. */
function parseIPv4(s: string): number | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Parses IPv6 text (with "::", an embedded dotted IPv4 tail, a %zone) into eight 16-bit groups. */
function parseIPv6(input: string): number[] | null {
  let s = input.replace(/^\[|\]$/g, "");
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(":")) return null;
  // An embedded IPv4 tail ("::ffff:1.2.3.4") becomes its two hex groups.
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 == null) return null;
    s = s.slice(0, lastColon + 1) + (v4 >>> 16).toString(16) + ":" + (v4 & 0xffff).toString(16);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  if (halves.length === 1 ? all.length !== 8 : all.length > 7) return null;
  const hex = (g: string) => parseInt(g, 16);
  return [...head.map(hex), ...new Array<number>(8 - all.length).fill(0), ...rest.map(hex)];
}

const inV4 = (n: number, base: string, bits: number) => {
  const b = parseIPv4(base)!;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((n & mask) >>> 0) === ((b & mask) >>> 0);
};

function ipv4Kind(n: number): AddressKind {
  if (inV4(n, "0.0.0.0", 8)) return "unspecified"; // "this network"; 0.0.0.0 reaches this machine
  if (inV4(n, "127.0.0.0", 8)) return "loopback";
  if (inV4(n, "10.0.0.0", 8) || inV4(n, "172.16.0.0", 12) || inV4(n, "192.168.0.0", 16)) return "private";
  if (inV4(n, "100.64.0.0", 10)) return "shared"; // carrier-grade NAT, RFC 6598
  if (inV4(n, "169.254.0.0", 16)) return "link-local"; // includes the cloud metadata service 169.254.169.254
  if (inV4(n, "224.0.0.0", 4)) return "multicast";
  if (
    inV4(n, "192.0.0.0", 24) || // IETF protocol assignments (DS-Lite, NAT64 discovery)
    inV4(n, "192.0.2.0", 24) ||
    inV4(n, "198.51.100.0", 24) ||
    inV4(n, "203.0.113.0", 24) || // documentation
    inV4(n, "192.88.99.0", 24) || // 6to4 relay anycast, deprecated
    inV4(n, "198.18.0.0", 15) || // benchmarking
    inV4(n, "240.0.0.0", 4) // reserved, and the broadcast address
  )
    return "reserved";
  return "public";
}

function ipv6Kind(g: number[]): AddressKind {
  const zeroUpTo = (i: number) => g.slice(0, i).every((x) => x === 0);
  const v4 = (hi: number, lo: number) => ((hi << 16) >>> 0) + lo;
  if (zeroUpTo(8)) return "unspecified";
  if (zeroUpTo(7) && g[7] === 1) return "loopback";
  // IPv4-mapped ::ffff:a.b.c.d reaches the IPv4 address itself.
  if (zeroUpTo(5) && g[5] === 0xffff) return ipv4Kind(v4(g[6], g[7]));
  // IPv4-compatible ::a.b.c.d (deprecated) and NAT64 64:ff9b::a.b.c.d: what they carry decides, and the compatible
  // form is never routed on the internet anyway.
  if (zeroUpTo(6)) {
    const inner = ipv4Kind(v4(g[6], g[7]));
    return inner === "public" ? "reserved" : inner;
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0) return ipv4Kind(v4(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return "private"; // local-use NAT64, RFC 8215
  // 6to4 2002:aabb:ccdd::/48 carries the IPv4 address a relay would forward to.
  if (g[0] === 0x2002) return ipv4Kind(v4(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return "unique-local"; // fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // site-local fec0::/10, deprecated
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  // Only 2000::/3 is global unicast; inside it, 2001::/23 (Teredo, benchmarking, ORCHID…), documentation 2001:db8::/32
  // and 3fff::/20 are not for us.
  if ((g[0] & 0xe000) !== 0x2000) return "reserved";
  if (g[0] === 0x2001 && g[1] < 0x200) return "reserved";
  if (g[0] === 0x2001 && g[1] === 0xdb8) return "reserved";
  if ((g[0] & 0xfff0) === 0x3ff0) return "reserved";
  return "public";
}

/** The kind of an IP address in text form (IPv4 dotted-decimal or IPv6, brackets allowed); null when it is not one. */
export function ipAddressKind(ip: string): AddressKind | null {
  const v4 = parseIPv4(ip);
  if (v4 != null) return ipv4Kind(v4);
  const v6 = parseIPv6(ip);
  return v6 ? ipv6Kind(v6) : null;
}

/** Names that only mean something inside a network: special-use (RFC 6761, 8375, ICANN's .internal) and the usual private ones. */
const INTERNAL_SUFFIXES = ["internal", "local", "localdomain", "home.arpa", "lan", "intranet", "corp", "home", "private"];

/**
 * The kind of a URL's hostname (as URL.hostname gives it: lower case, IPv4 in dotted-decimal, IPv6 in brackets).
 * A name's "public" is provisional: the addresses it resolves to decide at delivery.
 */
export function hostKind(hostname: string): HostKind {
  const ip = ipAddressKind(hostname);
  if (ip) return ip;
  const name = hostname.toLowerCase().replace(/\.+$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return "loopback";
  // A name without a dot is looked up in the server's own search domains ("redis", "metadata").
  if (!name.includes(".")) return "internal-name";
  if (INTERNAL_SUFFIXES.some((s) => name === s || name.endsWith("." + s))) return "internal-name";
  return "public";
}

/** How a refused kind reads in a sentence: "10.0.0.5 is a private network address". */
export function describeKind(kind: Exclude<HostKind, "public">): string {
  return {
    unspecified: "an unspecified address (this machine)",
    loopback: "a loopback address (this machine)",
    private: "a private network address",
    shared: "a carrier-grade NAT address",
    "link-local": "a link-local address (like a cloud metadata service)",
    "unique-local": "a private IPv6 address",
    multicast: "a multicast address",
    reserved: "a reserved address, not on the public internet",
    "internal-name": "a name inside a private network",
  }[kind];
}

/** Whether WEBHOOK_ALLOW_PRIVATE=1 lets webhooks go to loopback and private addresses (development and tests). */
export function privateTargetsAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.WEBHOOK_ALLOW_PRIVATE === "1";
}
