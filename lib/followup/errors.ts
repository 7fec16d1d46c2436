/**
 * The one error the follow-up engine throws: the caller passed something that is not a
 * valid job history (a bad date, an unknown stage kind, ...). `field` names the culprit,
 * e.g. "stages[2].on", so the data layer can map it back to a form field or a row.
 */
export class FollowUpInputError extends Error {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    this.name = "FollowUpInputError";
    this.field = field;
  }
}
