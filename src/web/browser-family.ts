/**
 * browserFamily reduces a User-Agent header to a coarse `Browser|System` name such as `Firefox|Android`, enough for a
 * person to recognise their own devices in the list of sessions and no more: no version, no device model. Unknown
 * parts are empty. The order of the tests matters, because most browsers also claim to be Safari or Chrome.
 */
export function browserFamily(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const ua = userAgent.slice(0, 512);
  const browser = first(ua, [
    [/Firefox\/|FxiOS\//, 'Firefox'],
    [/Edg(e|A|iOS)?\//, 'Edge'],
    [/OPR\/|Opera/, 'Opera'],
    [/YaBrowser\//, 'Yandex Browser'],
    [/SamsungBrowser\//, 'Samsung Internet'],
    [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
    [/Safari\//, 'Safari'],
  ]);
  const system = first(ua, [
    [/Android/, 'Android'],
    [/iPhone|iPad|iPod/, 'iOS'],
    [/CrOS/, 'ChromeOS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/Linux|X11/, 'Linux'],
  ]);
  return browser || system ? `${browser}|${system}` : null;
}

function first(ua: string, tests: [RegExp, string][]): string {
  return tests.find(([pattern]) => pattern.test(ua))?.[1] ?? '';
}
