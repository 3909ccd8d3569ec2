// Public API of shared/capture: the pure decisions behind automatic capture — when an article counts as read, when
// a video or audio item counts as watched/played, and whether audio is a podcast. Detectors emit plain events;
// the background reduces them into JSON states with these functions (see README.md).
export {
  createReadingState,
  reduceReading,
  engagedSeconds,
  scrollDepth,
  readingVerdict,
  estimateReadingSeconds,
  DEFAULT_IDLE_WINDOW_SECONDS,
  DEFAULT_WORDS_PER_MINUTE,
  COMPLETION_SCROLL_DEPTH,
  type ReadingEvent,
  type ReadingMetadata,
  type ReadingOptions,
  type ReadingState,
  type ReadingThresholds,
  type ReadingVerdict,
} from './reading';
export {
  createMediaState,
  reduceMedia,
  playedSegments,
  playedSeconds,
  mediaProgress,
  wallSecondsPlaying,
  mediaVerdict,
  DEFAULT_SEEK_TOLERANCE_SECONDS,
  COMPLETION_PROGRESS,
  type MediaEvent,
  type MediaExposure,
  type MediaInfo,
  type MediaKind,
  type MediaOptions,
  type MediaState,
  type MediaThresholds,
  type MediaVerdict,
} from './media';
export {
  mergeSegments,
  segmentsSeconds,
  clampSegments,
  formatPlayedSegments,
  ADJACENT_SECONDS,
  type PlayedSegment,
} from './segments';
export {
  classifyAudio,
  shouldCaptureAudio,
  HOST_RULES,
  PLAYER_RULES,
  LONG_FORM_SECONDS,
  SHORT_TRACK_SECONDS,
  type AudioCaptureOptions,
  type AudioClassification,
  type AudioFacts,
  type AudioKind,
  type HostRule,
  type HostSignal,
  type PlayerRule,
} from './podcast';
export { mediaPlayedInput, type DescribedMedia, type MediaInputOutcome } from './media-finish';
