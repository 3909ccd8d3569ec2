// The skill frameworks a page's pickers search: fetched once when the page opens, and again only when the
// page's state says they changed (its `stamp`: a policy change, a download). The state refreshes often; the
// frameworks can be megabytes, so they do not travel with it. Shared by the extension's pages and the desktop
// windows; how the frameworks are fetched is injected.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SkillFrameworksView } from '../../learner/frameworks';
import { createSkillIndex, type SkillIndex } from '../../skills/search';

/** What the skill pickers search, with the stamp it was made for (the learner core makes it). */
export type { SkillFrameworksView };

export interface SkillFrameworks {
  /** Empty until the frameworks arrive. */
  index: SkillIndex;
  /** Attribution text per framework id (for SkillPicker, ItemCard, Attribution). */
  attributions: Readonly<Record<string, string>>;
}

/**
 * `fetchFrameworks` must be stable (useCallback). `stamp`: the latest state's stamp, undefined before the first
 * state arrives (the frameworks are fetched at once anyway, alongside it). `onError` gets why a fetch failed.
 */
export function useSkillFrameworks(
  fetchFrameworks: () => Promise<SkillFrameworksView>,
  stamp: string | undefined,
  onError: (error: unknown) => void,
): SkillFrameworks {
  const [view, setView] = useState<SkillFrameworksView | undefined>(undefined);
  /** Bumped when an answer (or a failure) arrives, so the effect checks the stamp again. */
  const [answers, setAnswers] = useState(0);
  /** The stamp the last request was made for; null before the first. */
  const requestedFor = useRef<string | undefined | null>(null);
  const busy = useRef(false);
  const mounted = useRef(true);
  const errorRef = useRef(onError);
  errorRef.current = onError;

  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  useEffect(() => {
    if (busy.current) return; // one request at a time; the answer brings us back here
    if (requestedFor.current !== null) {
      // Already asked: again only for a stamp neither asked for nor answered (no retry loop on failure).
      if (stamp === undefined || stamp === requestedFor.current || stamp === view?.stamp) return;
    }
    requestedFor.current = stamp;
    busy.current = true;
    fetchFrameworks()
      .then(
        (next) => {
          if (mounted.current) setView(next);
        },
        (error: unknown) => {
          if (mounted.current) errorRef.current(error);
        },
      )
      .finally(() => {
        busy.current = false;
        if (mounted.current) setAnswers((n) => n + 1);
      });
  }, [fetchFrameworks, stamp, view, answers]);

  // One index per answer, not per state refresh: building it for 14k skills takes a moment.
  return useMemo(() => {
    const frameworks = view?.frameworks ?? [];
    const attributions: Record<string, string> = {};
    for (const f of frameworks) if (f.attribution) attributions[f.id] = f.attribution;
    return { index: createSkillIndex(frameworks), attributions };
  }, [view]);
}
