// The learner's record (issue 4 part 4, issue 5 "open My learning"): the list view and the follow-up rules
// (commented / voided, docs/xapi-profile.md § Reflections), shared by the extension and the desktop app. Pure.
export * from './view';
export * from './follow-ups';
export * from './export';
export * from './refused';
export * from './query';
