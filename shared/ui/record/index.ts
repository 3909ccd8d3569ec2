// My learning's presentational parts, shared by the extension's page and the desktop window (pure Preact:
// data and actions come in through props and the MyLearningApi). Styles: import './record.css' once per page.
export { MyLearning, TIMELINE_PAGE } from './MyLearning';
export type { MyLearningApi, MyLearningProps, MyLearningState, RecordActionResult } from './MyLearning';
export { RecordEntry } from './RecordEntry';
export type { RecordEntryProps } from './RecordEntry';
export { SkillChart } from './SkillChart';
export type { SkillChartProps } from './SkillChart';
export { groupByDay, localDate, NO_FILTER, queryOf } from './filter';
export type { RecordFilter } from './filter';
export { useSkillFrameworks } from './useSkillFrameworks';
export type { SkillFrameworks, SkillFrameworksView } from './useSkillFrameworks';
export { EarlierRecord } from './EarlierRecord';
export type { EarlierRecordProps, EarlierRecordResult, EarlierRecordView } from './EarlierRecord';
