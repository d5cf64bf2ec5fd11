// What every mail is rendered with (the business, the language, the app's address) and the small helpers the payer's
// and the staff's templates share: words by language, amounts, dates in the business's zone, links.
import { fillTemplate, isLocale, type Locale } from "@/lib/i18n";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { dateTimeFormat, validTimeZone } from "@/lib/time-zone";
import { assertMailUrl } from "./layout";
import { en, type MailWords, type PluralForms } from "./words";
import { ru } from "./words-ru";

/** The business as its mail presents it; in the payer's mail and the staff's alike. */
export type MailBusiness = {
  name: string;
  /** Free text from the business profile: an address, a phone, a chat handle; "" when there is none. */
  supportContact: string;
  /** IANA zone for dates in mail (payers are not asked theirs); null or unknown: UTC. */
  timeZone: string | null;
  /** The language of payer mail when the payer never chose one on the payment page. */
  defaultLocale: Locale;
};

export type MailContext = {
  business: MailBusiness;
  /** The public origin (APP_URL, or lib/public-origin.ts's fallback); links are built from it alone. */
  appUrl: string;
  locale: Locale;
};

const WORDS: Record<Locale, MailWords> = { en, ru };

export function mailWords(locale: Locale): MailWords {
  return WORDS[locale];
}

/** The language of a payer's mail: the one they used on the payment page, else the business's default. */
export function payerMailLocale(pageLocale: string | null | undefined, business: Pick<MailBusiness, "defaultLocale">): Locale {
  return isLocale(pageLocale) ? pageLocale : business.defaultLocale;
}

export const fill = fillTemplate;

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The form of `forms` for `count` in `locale`, with {count} filled. */
export function plural(locale: Locale, forms: PluralForms, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return fill(forms[rules.select(count)] ?? forms.other, { count: String(count) });
}

export function money(ctx: MailContext, minor: number, currency: string): string {
  return formatMoney(minor, currency, ctx.locale);
}

export function reference(ref: string): string {
  return formatReference(ref);
}

/** "Dec 5, 2026, 03:00 PM GMT+3 (Europe/Moscow)": in the business's zone, named, since the reader may live elsewhere. */
export function dateInBusinessZone(ctx: MailContext, ms: number): string {
  const zone = validTimeZone(ctx.business.timeZone) ?? "UTC";
  const formatted = dateTimeFormat(ctx.locale, zone, true, true).format(ms);
  return zone === "UTC" ? formatted : `${formatted} (${zone})`;
}

/** An absolute link into the app: `path` starts with "/". */
export function appLink(ctx: MailContext, path: string): string {
  return assertMailUrl(`${ctx.appUrl.replace(/\/+$/, "")}${path}`);
}

/** The payer's page: the secret link. Only payer-mail.ts calls this. */
export function payerPageLink(ctx: MailContext, token: string): string {
  return appLink(ctx, `/pay/${encodeURIComponent(token)}`);
}

/** A payment's page in the dashboard: what staff mail links to, never the payer's page. */
export function dashboardPaymentLink(ctx: MailContext, paymentId: number): string {
  return appLink(ctx, `/dashboard/payments/${paymentId}`);
}
