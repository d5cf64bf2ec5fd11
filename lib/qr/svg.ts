// Renders a payment QR payload as an SVG string on our own server, so no account details ever go to a third-party QR service.
import QRCode from "qrcode";

/**
 * Level M because EPC069-12 requires it for EPC codes, and it is a sound default for the others:
 * it survives a scuffed print or screen glare without making dense codes much larger. The 2-module
 * quiet zone is half of ISO 18004's 4 to keep the image compact, so whoever places the SVG must
 * leave light space around it for scanners.
 */
export async function qrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/**
 * A QR code is a pure function of its payload (account fields, amount, reference), and building one costs over a
 * millisecond; payers reload their page (after choosing, after paying in the bank app, changing language). Keep the
 * most recently used ones: never stale, since another amount or reference is another payload.
 *
 * The cache holds the finished strings, never the promises: a promise keeps the async context it was made in
 * (AsyncLocalStorage), which on the server is the whole request that first drew the code — its response, its
 * compression stream and its rendered page. A thousand promises kept a thousand requests alive (about 40 MB).
 */
const QR_CACHE_MAX = 1000;
const qrCache = new Map<string, string>();

export async function cachedQrSvg(payload: string): Promise<string> {
  const hit = qrCache.get(payload);
  if (hit !== undefined) {
    // Most recently used last: eviction takes from the front.
    qrCache.delete(payload);
    qrCache.set(payload, hit);
    return hit;
  }
  const svg = await qrSvg(payload);
  if (qrCache.size >= QR_CACHE_MAX) qrCache.delete(qrCache.keys().next().value!);
  qrCache.set(payload, svg);
  return svg;
}
