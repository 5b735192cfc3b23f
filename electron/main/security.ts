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

// The only permission the renderer may have is the camera (document capture). Chromium's 'media'
// permission covers the camera and the microphone alike, so granting 'media' by name would also
// open the microphone: the rule looks at which devices are asked for. Pure, so it is unit-tested.

/** A permission request (Electron's setPermissionRequestHandler): 'media' for video devices only. */
export function grantsPermissionRequest(permission: string, mediaTypes: readonly string[] | undefined): boolean {
  // An empty or missing list names no device: refused rather than read as "nothing but video".
  return (
    permission === 'media' && !!mediaTypes && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video')
  );
}

/** A permission check (Electron's setPermissionCheckHandler), asked one device type at a time. */
export function allowsPermissionCheck(permission: string, mediaType: string | undefined): boolean {
  return permission === 'media' && mediaType === 'video';
}
