// Words that say nothing about which skill a page is about. Applied to page text and to skill labels alike,
// before stemming.

const ENGLISH = `a about above after again against all almost also am an and any are as at be because been before
being below between both but by can could did do does doing down during each either else even ever every few
for from further had has have having he her here hers herself him himself his how however i if in into is it its
itself just least less let like many may me might more most much must my myself neither no nor not now of off
often on once only or other our ours ourselves out over own per quite rather really same shall she should since
so some such than that the their theirs them themselves then there these they this those though through thus to
too toward towards under until up upon us very via was we well were what when where whether which while who whom
whose why will with within without would yet you your yours yourself yourselves s t d ll m re ve`;

// Filler of article and video titles ("Getting started with...", "The ultimate guide to...").
const WEB_FILLER = `get gets getting got start started starting guide guides tutorial tutorials introduction intro
beginner beginners tip tips trick tricks ultimate complete best top new part step steps way ways video videos
episode podcast blog post article read minute minutes min things thing`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  `${ENGLISH} ${WEB_FILLER}`.split(/\s+/).filter(Boolean),
);
