export {
  STAGE_KINDS,
  canLogFollowUp,
  planFollowUp,
  type CanLogFollowUpResult,
  type FollowUpPlan,
  type FollowUpRefusalCode,
  type FollowUpRule,
  type FollowUpStatus,
  type Stage,
  type StageKind,
  type Voice,
  type WorkingCalendar,
} from "./rules";
export { DEFAULT_WORKDAYS } from "./calendar";
export { FollowUpInputError } from "./errors";
export {
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  formatDay,
  isValidDate,
  isWeekend,
  nextBusinessDayOnOrAfter,
} from "./dates";
export { RULES_VERSION, snapshotOf, statusOn, type PlanPhase, type PlanSnapshot } from "./snapshot";
