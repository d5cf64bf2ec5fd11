// The merchant at the top of the payer's pages: the logo from the business profile, or the name's initial on the
// accent colour when there is none. Decorative beside the name, which is always written out.
export function MerchantMark({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  if (logoUrl) {
    // A plain <img>: the logo is a small file served from our own origin, already sized by the upload's limits.
    return <img src={logoUrl} alt="" className="size-12 shrink-0 rounded-xl bg-white object-contain ring-1 ring-slate-200" data-testid="merchant-logo" />;
  }
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span aria-hidden="true" className="flex size-12 shrink-0 items-center justify-center rounded-xl bg-accent-600 text-xl font-semibold text-white" data-testid="merchant-initial">
      {initial}
    </span>
  );
}

/** Where the business profile's logo is served (app/(public)/logo/[file]/route.ts), or null without one. */
export function logoUrlOf(profile: { logoFile: string | null }): string | null {
  return profile.logoFile ? `/logo/${profile.logoFile}` : null;
}
