// Security settings both hosts apply to the renderer. One definition, so the Electron window and
// the browser mode can never drift apart.

/** Strict CSP: only the desk's own scripts and styles; camera streams and captured images allowed. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The only permission the renderer may be granted (document camera capture). */
export const ALLOWED_PERMISSIONS: readonly string[] = ['media'];
