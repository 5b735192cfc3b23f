// Loads one of the desk's own scripts on first use and hands back what it put on its one global. A
// classic <script> (not a dynamic import), so it loads the same from the web host and from the
// Electron window's file:// page, under the CSP's script-src 'self'. The big libraries a few
// screens need (pdf.js's display layer, the chart library) live in such scripts, so the first
// page's script stays small (test/unit/bundle-budget.test.ts).
const loading = new Map<string, Promise<unknown>>();

export function loadScript<T>(path: string, global: string, what: string): Promise<T> {
  let found = loading.get(path) as Promise<T> | undefined;
  if (found) return found;
  found = new Promise<T>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(path, document.baseURI).href;
    // A failure is forgotten, its tag removed: a later attempt loads it afresh.
    const fail = (message: string) => {
      loading.delete(path);
      script.remove();
      reject(new Error(message));
    };
    script.onload = () => {
      const value = (window as unknown as Record<string, T | undefined>)[global];
      if (value) resolve(value);
      else fail(`the ${what} did not start`);
    };
    script.onerror = () => fail(`the ${what} could not be loaded`);
    document.head.appendChild(script);
  });
  loading.set(path, found);
  return found;
}
