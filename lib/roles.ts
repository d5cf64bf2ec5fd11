// Staff roles: an admin runs the installation (methods, users, keys, webhooks); an agent decides payments.

export const ROLES = ["admin", "agent"] as const;
export type Role = (typeof ROLES)[number];
