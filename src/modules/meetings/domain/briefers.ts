// Whether an announced briefer is still "to be confirmed". The debate's form marks a briefer whose participation is
// not settled yet (meetings.briefers.to_be_confirmed); the mark speaks of the future, so it goes once the meeting has
// begun (by then the briefer spoke or did not) or once the briefing is recorded on the speakers' page (the briefer
// spoke). One rule, asked by everything that shows the mark (the debate page, the Journal's programme, the speakers'
// page, the API) and by the compilation, which is not built while a briefer is still unconfirmed. Pure.
export interface BrieferStanding {
  /** The mark as entered on the debate's form. */
  markedToBeConfirmed: boolean;
  /** When the meeting begins. */
  meetingStartsAt: Date;
  /** A briefing of this announced briefer is recorded on the speakers' page. */
  briefingRecorded: boolean;
  now: Date;
}

/** True while the briefer is marked "to be confirmed", the meeting has not begun and no briefing of theirs is recorded. */
export function stillToBeConfirmed(s: BrieferStanding): boolean {
  return s.markedToBeConfirmed && !s.briefingRecorded && s.now.getTime() < s.meetingStartsAt.getTime();
}

/** What the rule reads of a debate and of one of its announced briefers. */
export interface AnnouncedBriefer {
  position: number;
  to_be_confirmed: boolean;
}

/**
 * The debate's announced briefers still "to be confirmed", in their order. `briefed` holds the positions
 * (meetings.briefers.position) of the announced briefers whose briefing is recorded.
 */
export function unconfirmedBriefers<B extends AnnouncedBriefer>(
  debate: { starts_at: Date; briefers: readonly B[] },
  briefed: ReadonlySet<number>,
  now: Date,
): B[] {
  return debate.briefers.filter((b) =>
    stillToBeConfirmed({
      markedToBeConfirmed: b.to_be_confirmed,
      meetingStartsAt: debate.starts_at,
      briefingRecorded: briefed.has(b.position),
      now,
    }),
  );
}
