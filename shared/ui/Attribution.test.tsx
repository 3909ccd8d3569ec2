// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ESCO_ATTRIBUTION } from '../skills/esco';
import { createSkillIndex } from '../skills/search';
import { Attribution, attributionsFor } from './Attribution';
import { ItemCard } from './ItemCard';
import { mount, text, type Mounted } from './test-dom';

const ESCO_SKILL = { id: 'http://data.europa.eu/esco/skill/neg', name: 'negotiate' };
const OWN_SKILL = { id: 'https://skills.acme.example/widgets', name: 'widgets' };
const index = createSkillIndex([
  { id: 'acme', name: 'Acme', skills: [OWN_SKILL] },
  { id: 'esco', name: 'ESCO', attribution: ESCO_ATTRIBUTION, skills: [ESCO_SKILL] },
]);
const attributions = { esco: ESCO_ATTRIBUTION };

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('attributionsFor', () => {
  it('gives the attribution of the frameworks the skills come from, once each', () => {
    expect(attributionsFor([ESCO_SKILL.id, ESCO_SKILL.id], index, attributions)).toEqual([ESCO_ATTRIBUTION]);
    expect(attributionsFor([OWN_SKILL.id, 'https://custom.example/x'], index, attributions)).toEqual([]);
    // Without the per-framework map: every attribution of the index as soon as one skill is known.
    expect(attributionsFor([OWN_SKILL.id], index)).toEqual([ESCO_ATTRIBUTION]);
    expect(attributionsFor([], index)).toEqual([]);
  });
});

describe('Attribution', () => {
  it('renders nothing without texts', () => {
    mounted = mount(<Attribution texts={[]} />);
    expect(mounted.container.querySelector('.tn-attribution')).toBeNull();
  });
});

describe('ItemCard (read only) with ESCO skills', () => {
  const item = {
    id: 'i',
    kind: 'article',
    title: 'Sent article',
    state: 'ready' as const,
    skills: [ESCO_SKILL],
    reflection: '',
    editable: false,
  };
  const props = {
    now: 0,
    index,
    attributions,
    onSave: () => Promise.resolve(true),
    onDiscard: () => Promise.resolve(true),
    onApprove: () => Promise.resolve(true),
  };

  it('shows the ESCO attribution under the labels', () => {
    mounted = mount(<ItemCard item={item} {...props} />);
    expect(text(mounted.container.querySelector('.tn-card-skills'))).toBe('negotiate');
    expect(text(mounted.container.querySelector('.tn-attribution'))).toBe(ESCO_ATTRIBUTION);
  });

  it('shows none for skills of frameworks that need none', () => {
    mounted = mount(<ItemCard item={{ ...item, skills: [OWN_SKILL] }} {...props} />);
    expect(mounted.container.querySelector('.tn-attribution')).toBeNull();
  });
});
