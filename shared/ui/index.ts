// Preact components shared by the extension's pages and the desktop windows. Pure: data and callbacks come in
// through props (no browser, extension or Electron globals). Styles: import './theme.css' once per page.

export { Attribution, attributionsFor } from './Attribution';
export type { AttributionProps } from './Attribution';
export { DestinationStatus, destinationStatusText } from './DestinationStatus';
export type { DestinationStatusItem, DestinationStatusProps } from './DestinationStatus';
export { FrameworkStatusList, frameworkStatusText } from './FrameworkStatusList';
export type { FrameworkStatusListProps } from './FrameworkStatusList';
export { CheckField, Field, FieldErrorList, FieldNote, LockIcon, TextField, describedBy } from './Field';
export type { CheckFieldProps, FieldControlProps, FieldProps, TextFieldProps } from './Field';
export { formatAgo, formatClock, formatMinutes, formatSendsIn } from './format';
export { en, hasMessage, t } from './i18n';
export type { MessageKey, MessageParams } from './i18n';
export { ItemCard, itemTiming } from './ItemCard';
export type { ItemCardItem, ItemCardProps, ItemDraft } from './ItemCard';
export { KindIcon, kindLabel } from './KindIcon';
export { ProgressBar } from './ProgressBar';
export type { ProgressBarProps } from './ProgressBar';
export { RefusedList } from './RefusedList';
export type { RefusedListProps } from './RefusedList';
export { ReflectionField } from './ReflectionField';
export type { ReflectionFieldProps } from './ReflectionField';
export { SkillPicker } from './SkillPicker';
export type { SkillPickerProps, SkillRef } from './SkillPicker';
