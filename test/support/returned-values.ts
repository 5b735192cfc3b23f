// Every value JCIC returned for a case, as text (amounts of 1,000 and more, names and numbers of four
// characters or more, not dates): what must never appear in a log or a support bundle.
export function returnedValues(results: unknown): string[] {
  const values = new Set<string>();
  const collect = (v: unknown) => {
    if (typeof v === 'number' && Math.abs(v) >= 1000) values.add(String(v));
    else if (typeof v === 'string' && v.length >= 4 && !/^\d{4}-\d{2}/.test(v)) values.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(results);
  return [...values];
}
