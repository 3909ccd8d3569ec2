// Which xAPI version to speak with a destination (docs/xapi-profile.md § Versions): 2.0.0 when the LRS lists it in
// `/about` and the setting allows, else 1.0.3, which every conformant LRS speaks. One rule for the sync engine,
// the options page's connection test and `trailnote check-lrs`.

export type XapiVersionSetting = 'auto' | '1.0.3' | '2.0.0';
export type XapiVersion = '1.0.3' | '2.0.0';

export interface VersionChoice {
  version: XapiVersion;
  /** Why the choice may not be what the admin expects (an unreadable `/about`, a version it does not list). */
  note?: string;
}

/** `about`: aboutVersions() of the LRS's `/about` answer. */
export function chooseVersion(
  setting: XapiVersionSetting,
  about: { versions: string[] } | { error: string },
): VersionChoice {
  const versions = 'versions' in about ? about.versions : [];
  const speaks = (major: string) => versions.some((v) => v === major || v.startsWith(`${major}.`));
  if (setting !== 'auto') {
    if ('error' in about)
      return { version: setting, note: `${about.error}; sending xAPI ${setting} as configured` };
    return speaks(setting.slice(0, 3))
      ? { version: setting }
      : {
          version: setting,
          note: `the LRS lists ${versions.join(', ')} in /about, not ${setting}, which is configured`,
        };
  }
  if (speaks('2.0')) return { version: '2.0.0' };
  if (speaks('1.0')) return { version: '1.0.3' };
  const why = 'error' in about ? about.error : `/about lists only ${versions.join(', ')}`;
  return { version: '1.0.3', note: `${why}; sending xAPI 1.0.3, which every conformant LRS speaks` };
}
