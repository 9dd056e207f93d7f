/** snake_case keys to camelCase, recursively: what wx-server-sdk does to WeChat Pay's answers. */
export function camelCaseKeys(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    out[camel] =
      inner && typeof inner === 'object' && !Array.isArray(inner)
        ? camelCaseKeys(inner as Record<string, unknown>)
        : inner;
  }
  return out;
}
