// A value such as an IBAN, an account number or a transaction ID, shown so that a line breaks only between its
// groups (the spaces), never inside one. A group too long for any phone's line (a crypto address) may still break,
// or it would run off the screen. An IBAN typed without spaces is shown in its usual groups of four.
import { groupsOf } from "@/lib/grouping";

export function GroupedText({ value, className = "" }: { value: string; className?: string }) {
  const groups = groupsOf(value);
  return (
    <span className={className}>
      {groups.map((g, i) => (
        <span key={i}>
          {i > 0 && " "}
          <span className={g.length > LONG_GROUP ? "break-all" : "whitespace-nowrap"}>{g}</span>
        </span>
      ))}
    </span>
  );
}

/** Longer than this, a group would not fit a 320 px line in the mono font, so it may break. */
const LONG_GROUP = 24;
