// Which items My learning shows: shared with the desktop window (shared/ui/record/filter.ts).
export { facets, filterRecord, groupByDay, localDate, NO_FILTER } from '../../../shared/ui/record/filter';
export type { RecordFilter } from '../../../shared/ui/record/filter';
