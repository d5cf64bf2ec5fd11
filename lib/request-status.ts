// A connection request's life: new → in progress → done (with the method created for it) or declined (with a reason).

export const REQUEST_STATUSES = ["new", "in_progress", "done", "declined"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  new: "New",
  in_progress: "In progress",
  done: "Done",
  declined: "Declined",
};

export function isRequestStatus(s: unknown): s is RequestStatus {
  return typeof s === "string" && (REQUEST_STATUSES as readonly string[]).includes(s);
}

/**
 * The moves an admin may make. "done" is reached only by creating the method from the request; a declined request can
 * be reopened (back to in progress); a done one stays done, since a method is linked to it.
 */
const MOVES: Record<RequestStatus, readonly RequestStatus[]> = {
  new: ["in_progress", "declined", "done"],
  in_progress: ["declined", "done"],
  declined: ["in_progress"],
  done: [],
};

export function canMoveRequest(from: RequestStatus, to: RequestStatus): boolean {
  return MOVES[from].includes(to);
}
