"use client";
// A method's rendered instructions with each {{expires}} as a <time> in the viewer's zone, named, like the page's
// other times (LocalTime): UTC, saying so, on the server and without JavaScript; the browser's own zone once it runs.
// The parts come from renderInstructionParts (lib/instructions.ts), HTML already made safe.
import { escapeHtml } from "@/lib/html";
import { dateTimeFormat } from "@/lib/time-zone";
import { useViewerZone } from "@/components/ui/local-time";

export function InstructionsHtml({ parts, expiresAt, locale, className }: { parts: string[]; expiresAt: number; locale: string; className?: string }) {
  const tz = useViewerZone();
  const time = `<time datetime="${new Date(expiresAt).toISOString()}">${escapeHtml(dateTimeFormat(locale, tz, true, true).format(expiresAt))}</time>`;
  return <div className={className} data-testid="instructions" dangerouslySetInnerHTML={{ __html: parts.join(time) }} />;
}
