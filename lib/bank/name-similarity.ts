// How alike two payer names are, across case, accents, word order, legal forms and Cyrillic/Latin spelling.

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "zh", з: "z", и: "i", й: "i", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh",
  щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", і: "i", ї: "i", є: "e", ґ: "g",
};

/** Words that say what kind of company, not which one. */
const LEGAL_FORMS = new Set([
  "gmbh", "ag", "kg", "ohg", "ug", "ltd", "llc", "inc", "plc", "sa", "sarl", "sas", "bv", "nv", "srl", "spa", "oy", "ab", "as",
  "co", "corp", "ooo", "oao", "zao", "pao", "ao", "ip", "tov", "mr", "mrs", "ms", "dr", "herr", "frau",
]);

/** Lower case Latin words: accents dropped (é→e, ё→е), Cyrillic transliterated, legal forms removed. */
export function nameTokens(name: string): string[] {
  const latin = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[а-яіїєґ]/g, (c) => CYRILLIC_TO_LATIN[c] ?? c);
  return latin
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== "" && !LEGAL_FORMS.has(t));
}

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] <= max;
}

/**
 * 1 for equal words or a spelling variant of a longer word (Pyotr / Petr, Mueller / Muller); ½ for an
 * initial of the other ("a" / "anna"), so an initial alone never makes two names alike; else 0.
 */
function tokensAlike(a: string, b: string): number {
  if (a === b) return 1;
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 0.5;
  const shorter = Math.min(a.length, b.length);
  return shorter >= 4 && editDistanceAtMost(a, b, shorter >= 7 ? 2 : 1) ? 1 : 0;
}

/**
 * 0 … 1: the share of words that find a partner in the other name (Dice over words, order ignored).
 * "Anna Schmidt" / "SCHMIDT, ANNA" is 1; "Anna Schmidt" / "A. Schmidt" is 1; unrelated names 0.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (x.length === 0 || y.length === 0) return 0;
  const used = new Set<number>();
  let pairs = 0;
  for (const t of x) {
    let best = -1;
    let bestScore = 0;
    y.forEach((u, idx) => {
      const score = used.has(idx) ? 0 : tokensAlike(t, u);
      if (score > bestScore) [best, bestScore] = [idx, score];
    });
    if (best >= 0) {
      used.add(best);
      pairs += bestScore;
    }
  }
  return (2 * pairs) / (x.length + y.length);
}

/** The threshold at which the matcher calls two names alike. */
export const NAMES_ALIKE = 0.5;
