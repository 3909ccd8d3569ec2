// The learner's record in numbers and files: time per skill per week, and the CSV export. Pure.
export * from './time';
export * from './csv';
export * from './tally';
