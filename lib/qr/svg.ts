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
