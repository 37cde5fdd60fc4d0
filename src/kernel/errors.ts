// The error catalogue. Code throws only AppError with a code from this list; one boundary (src/web/errors.ts
// for HTTP, src/cli/main.ts for commands) turns it into a page or a message. Anything else is a defect:
// it is logged and the user sees the generic `internal` message, never the internals.

export interface ErrorSpec {
  /** HTTP status when the error reaches the web boundary. */
  status: number;
  /** What the user is told: what happened and what to do. */
  message: string;
  /** Whether the error is a defect worth an operator's attention (logged at error level). */
  reportable: boolean;
}

export const errorCatalogue = {
  internal: {
    status: 500,
    message:
      'Something went wrong on our side. Nothing you entered was lost; please try again in a minute. If it keeps happening, contact ' +
      'the help desk.',
    reportable: true,
  },
  'http.not_found': {
    status: 404,
    message: 'There is no page at this address. Check the link, or start from the list of debates.',
    reportable: false,
  },
  'http.bad_request': { status: 400, message: 'The request could not be understood. Reload the page and try again.', reportable: false },
  'http.too_many_requests': {
    status: 429,
    message: 'Too many requests from your address. Wait a minute, then try again.',
    reportable: false,
  },
  'http.payload_too_large': {
    status: 413,
    message:
      'What you sent is larger than this form accepts ({limit} at most), so nothing was saved. If it is a file, make it smaller ' +
      '(remove large pictures, or save it again as .docx), then go back and send it again.',
    reportable: false,
  },
  'http.overloaded': {
    status: 503,
    message:
      'Rostrum is very busy at this moment and could not take your request, so nothing was saved. Wait a few seconds, then try again.',
    reportable: false,
  },
  'http.uploads_in_progress': {
    status: 429,
    message:
      'Files you sent earlier are still being received ({count} at once is the most), so this one was not taken and nothing was ' +
      'saved. Wait until they are done, then send it again.',
    reportable: false,
  },
  'http.csrf': {
    status: 403,
    message: 'This form has expired or was not sent from Rostrum, so nothing was saved. Reload the page and submit it again.',
    reportable: false,
  },
  'auth.forbidden': {
    status: 403,
    message: 'You do not have access to this page. If you think you should, ask your mission’s access focal point.',
    reportable: false,
  },
  'auth.unauthenticated': { status: 401, message: 'Please sign in to continue.', reportable: false },
  'auth.session_ended': {
    status: 401,
    message:
      'Your session ended before this form was sent, so nothing was submitted. Sign in again to return to the form and send it again.',
    reportable: false,
  },
  'config.database_unreachable': {
    status: 503,
    message:
      'The database cannot be reached. Check DATABASE_URL (host, port, database name, credentials) and that PostgreSQL is running, ' +
      'or unset DATABASE_URL to use the embedded database.',
    reportable: false,
  },
  'config.data_dir_unwritable': {
    status: 500,
    message: 'The data folder cannot be created or written to. Set DATA_DIR to a folder this user may write, or fix its permissions.',
    reportable: false,
  },
  'config.port_in_use': {
    status: 500,
    message: 'The port is already in use by another program. Stop that program or set PORT to a free port.',
    reportable: false,
  },
  'config.secret_key_damaged': {
    status: 500,
    message: 'The secret key file is damaged. Restore it from a backup, or set SECRET_KEY to the installation’s key.',
    reportable: false,
  },
  'config.data_dir_locked': {
    status: 500,
    message: 'Another Rostrum process is already using this data folder. Stop it first, or set DATA_DIR to another folder.',
    reportable: false,
  },
  'config.migration_failed': {
    status: 500,
    message:
      'The database schema could not be brought up to date: a migration failed, and nothing of it was applied. ' +
      'The detail names the migration and the reason; fix the cause, then start Rostrum again.',
    reportable: true,
  },
  'debate.not_found': {
    status: 404,
    message: 'There is no debate at this address. It may have been removed; see the list of debates.',
    reportable: false,
  },
  // submission window
  'input.time_does_not_exist': {
    status: 400,
    message:
      'This date and time does not exist in the debate’s time zone: it is not a real date, or it falls in the hour skipped when the ' +
      'clocks go forward. Nothing was saved; choose another time.',
    reportable: false,
  },
  'late_grant.until_not_after_deadline': {
    status: 400,
    message:
      'A late submission must be allowed until a time after the debate’s submission deadline (until then every delegation may submit ' +
      'anyway). Nothing was saved; choose a later time.',
    reportable: false,
  },
  'late_grant.until_passed': {
    status: 400,
    message:
      'This time has already passed, so allowing a late submission until then would allow nothing. Nothing was saved; choose a time ' +
      'still to come.',
    reportable: false,
  },
  'late_grant.already_granted': {
    status: 409,
    message:
      'This delegation may already submit late for this debate. To change until when, revoke that permission first, then grant the ' +
      'new one.',
    reportable: false,
  },
  'late_grant.not_granted': {
    status: 409,
    message: 'This delegation has no permission to submit late for this debate, so there is nothing to revoke.',
    reportable: false,
  },
  'job.unknown_kind': { status: 500, message: 'A background task of an unknown kind was queued.', reportable: true },
  'blob.not_found': { status: 404, message: 'The file is not available.', reportable: false },
  'job.invalid_payload': { status: 500, message: 'A background task was queued with data it cannot use.', reportable: true },
  'audit.invalid_data': {
    status: 500,
    message: 'The change could not be recorded in the audit log, so it was not saved.',
    reportable: true,
  },
  'audit.entry_not_sealed': {
    status: 404,
    message:
      'The audit log has no sealed entry with this hash. Check the hash; an entry written in the last few seconds is sealed shortly, ' +
      'so try again in a minute.',
    reportable: false,
  },
  'mail.invalid': { status: 500, message: 'An e-mail could not be prepared, so the change was not saved.', reportable: true },
  'mail.not_found': {
    status: 404,
    message: 'There is no such message in the outbox. Go back to the outbox and choose it from the list.',
    reportable: false,
  },
  // authentication
  'mfa.required_for_role': {
    status: 403,
    message:
      'Your role requires two-step verification, so it cannot be turned off. To move it to a new phone, ask the help desk to reset it.',
    reportable: false,
  },
  'mfa.not_enrolled': {
    status: 409,
    message: 'Two-step verification is not set up for your account. Set it up from your account page first.',
    reportable: false,
  },
  'mfa.already_enrolled': {
    status: 409,
    message:
      'Two-step verification is already set up for your account. To use another phone, turn it off first or ask the help desk to reset it.',
    reportable: false,
  },
  // administration
  'input.invalid': {
    status: 400,
    message: 'Some of what you entered is not valid, so nothing was saved. Correct the fields marked and submit again.',
    reportable: false,
  },
  'mission.not_found': {
    status: 404,
    message: 'There is no mission or entity with this code. Choose it from the list of missions.',
    reportable: false,
  },
  'account.not_found': {
    status: 404,
    message: 'There is no such account among the people you manage. Go back to the list and choose the person again.',
    reportable: false,
  },
  'account.email_taken': {
    status: 409,
    message: 'An account with this e-mail address already exists. Use another address, or ask the help desk about the existing account.',
    reportable: false,
  },
  'account.invite_not_allowed': {
    status: 403,
    message:
      'You cannot invite an account of this kind. A mission’s focal points invite its delegates and focal points; the help desk ' +
      'creates focal points and staff accounts.',
    reportable: false,
  },
  'account.self': {
    status: 409,
    message: 'You cannot make this change to your own account. Ask another access focal point of your mission, or the help desk.',
    reportable: false,
  },
  'account.already_deactivated': { status: 409, message: 'This account is already deactivated. Nothing was changed.', reportable: false },
  'account.already_active': { status: 409, message: 'This account is already active. Nothing was changed.', reportable: false },
  'account.deactivated': { status: 409, message: 'This account is deactivated. Reactivate it first, then try again.', reportable: false },
  'account.invitation_pending': {
    status: 409,
    message: 'This person has not accepted their invitation yet, so they have no password to reset. Send them a new invitation instead.',
    reportable: false,
  },
  'account.invitation_accepted': {
    status: 409,
    message: 'This person has already accepted their invitation. If they cannot sign in, the help desk can send them a sign-in link.',
    reportable: false,
  },
  'module.already_granted': { status: 409, message: 'This person already has this access. Nothing was changed.', reportable: false },
  'module.not_granted': {
    status: 409,
    message: 'This person does not have this access, so there is nothing to revoke.',
    reportable: false,
  },
  'mfa.recovery_codes_stale': {
    status: 410,
    message:
      'These recovery codes are no longer the ones of your account (new ones were made, or one was used), so they cannot be ' +
      'downloaded. Make new codes from your account page if you need them.',
    reportable: false,
  },
  'mfa.nothing_to_reset': {
    status: 409,
    message: 'This account has no two-step verification set up, so there is nothing to reset.',
    reportable: false,
  },
  'signatory.not_found': {
    status: 404,
    message: 'There is no such signatory for this mission. Go back to the mission page and choose from its list.',
    reportable: false,
  },
  'signatory.already_ended': {
    status: 409,
    message: 'This signatory’s authority already has an end date. To change it, remove the entry and add it again with the right dates.',
    reportable: false,
  },
  'signatory.end_before_start': {
    status: 400,
    message: 'The end date cannot be before the date this signatory’s authority began.',
    reportable: false,
  },
  'entity.code_taken': {
    status: 409,
    message: 'This code is already used by another mission or entity. Choose another code.',
    reportable: false,
  },
  // API tokens and the JSON API
  'api.token_missing': {
    status: 401,
    message:
      'This request needs a personal access token, sent in the header Authorization: Bearer followed by the token; the API does not ' +
      'accept the browser session. Create a token on your account’s Access tokens page (/account/tokens).',
    reportable: false,
  },
  'api.token_invalid': {
    status: 401,
    message:
      'The access token is not recognised. Check that it was copied whole (it starts with rst_), or create a new one on your ' +
      'account’s Access tokens page (/account/tokens).',
    reportable: false,
  },
  'api.token_expired': {
    status: 401,
    message: 'The access token has expired. Create a new one on your account’s Access tokens page (/account/tokens).',
    reportable: false,
  },
  'api.token_revoked': {
    status: 401,
    message:
      'The access token has been revoked. If the program still needs access, create a new token on your account’s Access tokens page ' +
      '(/account/tokens).',
    reportable: false,
  },
  'api.account_disabled': {
    status: 401,
    message: 'The account this access token belongs to is disabled, so its tokens no longer work. Contact the help desk.',
    reportable: false,
  },
  'api.scope_missing': {
    status: 403,
    message:
      'The access token does not carry the scope this request needs (the WWW-Authenticate header and /api/openapi.json name it). ' +
      'Create a token with that scope on your account’s Access tokens page (/account/tokens).',
    reportable: false,
  },
  'api_token.invalid': {
    status: 400,
    message:
      'The token could not be created: give it a name, choose at least one scope your role may hold, and an expiry of 1 to 365 days.',
    reportable: false,
  },
  'api_token.not_found': {
    status: 404,
    message: 'There is no such token among yours. Go back to your list of access tokens and try again.',
    reportable: false,
  },
  'api_token.too_many': {
    status: 409,
    message:
      'You already hold the most active access tokens one person may have (25). Revoke one you no longer use, then create the new one.',
    reportable: false,
  },
  // documents
  'symbol.invalid': {
    status: 400,
    message:
      'This is not a document symbol as the UN writes it. Write it like S/2021/90, S/PRST/2021/11 or S/2021/90/Corr.1: capitals, ' +
      'slashes, no spaces.',
    reportable: false,
  },
  'symbol.required': {
    status: 400,
    message: 'Enter the symbol the documents service assigned to this document, such as S/2026/812. Nothing was issued.',
    reportable: false,
  },
  'symbol.wrong_series': {
    status: 400,
    message:
      'This symbol is of another series than the document: a letter or a compilation of the Security Council takes an S/ symbol, ' +
      'such as S/2026/812. Nothing was issued.',
    reportable: false,
  },
  'symbol.not_original': {
    status: 400,
    message:
      'This symbol is a corrigendum’s, revision’s or addendum’s, and the document is an original. Enter the symbol of the document ' +
      'itself, such as S/2026/812, without /Corr.1. Nothing was issued.',
    reportable: false,
  },
  'symbol.year_mismatch': {
    status: 400,
    message:
      'The symbol’s year is not the year of the document’s date: a document dated in 2026 takes a symbol S/2026/…. Check the symbol, ' +
      'or the document’s date. Nothing was issued.',
    reportable: false,
  },
  'symbol.taken': {
    status: 409,
    message: 'This symbol is already in the registry, and a symbol is never used twice. Check the number against the issued document.',
    reportable: false,
  },
  'symbol.parent_not_found': {
    status: 404,
    message:
      'There is no document with this symbol in the registry, so nothing can be issued or registered under it. Check the symbol, or ' +
      'register the original document first.',
    reportable: false,
  },
  'symbol.suffix_not_allowed': {
    status: 409,
    message:
      'This document cannot take that suffix. A further correction, revision or addendum takes the next number of the original ' +
      'document (Corr.2, Rev.2, Add.2), and a corrigendum is never itself corrected.',
    reportable: false,
  },
  // documents, debates and uploads
  'upload.not_docx': {
    status: 415,
    message:
      'This file is not a Word document (.docx). In Word, choose Save As and “Word Document (*.docx)”, then upload that file. ' +
      'Nothing was saved.',
    reportable: false,
  },
  'upload.macro': {
    status: 415,
    message:
      'The document contains macros, which Rostrum does not accept. Save it as a Word Document (.docx), not a macro-enabled document ' +
      '(.docm), and upload it again. Nothing was saved.',
    reportable: false,
  },
  'upload.too_large': {
    status: 413,
    message:
      'The file is larger than this form accepts. Remove large images or embedded files, save the document again, and upload it. ' +
      'Nothing was saved.',
    reportable: false,
  },
  'upload.file_too_large': {
    status: 413,
    message:
      'The file “{name}” is larger than {limit}, the most this form accepts, so it was not uploaded. Make it smaller (remove large ' +
      'pictures or embedded files, or save it again as .docx), then choose it again.',
    reportable: false,
  },
  'upload.damaged': {
    status: 400,
    message:
      'The Word document could not be read: it is damaged or not a complete .docx file. Open it in Word, save it again as .docx, and ' +
      'upload that copy. Nothing was saved.',
    reportable: false,
  },
  'upload.unsafe': {
    status: 400,
    message:
      'The file was refused because its structure is unsafe (it would expand far beyond its size, or it holds unusual entries). Open ' +
      'it in Word, save it again as .docx, and upload that copy. Nothing was saved.',
    reportable: false,
  },
  'upload.active_content': {
    status: 415,
    message:
      'The PDF contains active content (scripts, actions that run when it opens, or embedded files), which Rostrum does not accept. ' +
      'Print the document to PDF again, or scan the signed paper, and upload that copy. Nothing was saved.',
    reportable: false,
  },
  'upload.empty': {
    status: 400,
    message: 'The document has no text. Check that you chose the right file, then upload it again. Nothing was saved.',
    reportable: false,
  },
  'concept_note.no_sections': {
    status: 400,
    message:
      'No sections were found in the document. Give each section a heading of its own, such as “I. Background” or a Word heading ' +
      'style, then upload it again. Nothing was saved.',
    reportable: false,
  },
  'debate.slug_taken': {
    status: 409,
    message: 'Another debate already has this address. Choose another short name for the address. Nothing was saved.',
    reportable: false,
  },
  'debate.changed_meanwhile': {
    status: 409,
    message:
      'Someone else changed this debate while you were editing it, so nothing was saved. Reload the page to see their changes, then ' +
      'make yours again.',
    reportable: false,
  },
  'document.not_generated': {
    status: 404,
    message: 'This document has not been generated yet. Check back later, or ask the Secretariat to generate it.',
    reportable: false,
  },
  'document.format_unavailable': {
    status: 404,
    message:
      'This format of the document is not available: it could not be produced on this installation. The other formats are available ' +
      'on the debate’s page.',
    reportable: false,
  },
  'document.render_failed': {
    status: 500,
    message:
      'One or more formats of a document could not be made. The background task tries again; ' +
      'if it keeps failing, the detail names the formats and the document’s page says why.',
    reportable: true,
  },
  'document.docx_missing': {
    status: 500,
    message:
      'The PDF could not be made: the Word (.docx) version it is converted from is missing from the file store. ' +
      'The background task tries again; if it keeps failing, check the file store.',
    reportable: true,
  },
  'document.pdf_failed': {
    status: 500,
    message:
      'The PDF could not be made from the Word (.docx) version. The background task tries again; ' +
      'the document’s page says why, and its other formats are not affected.',
    reportable: true,
  },
  'document.converter_not_started': {
    status: 503,
    message:
      'The PDF converter (LibreOffice) could not be kept running, so for a minute each PDF starts it for itself. ' +
      'Check that LibreOffice works on this server (SOFFICE_PATH).',
    reportable: false,
  },
  'debate.outside_presidency': {
    status: 403,
    message:
      'The presidency may create and change only debates held during its own month of presidency. For another date, ask the Secretariat.',
    reportable: false,
  },
  'debate.no_council_data': {
    status: 400,
    message:
      'There is no Security Council data for {month}: who sits on the Council and who presides that month are not known, so the ' +
      'debate was not saved. Choose a meeting date the data covers ({covered}), or ask the Secretariat to add the year on its ' +
      'Council page.',
    reportable: false,
  },
  'council.year_exists': {
    status: 409,
    message:
      'The Council data already has this year, perhaps added by another officer a moment ago, so nothing was saved. Reload the ' +
      'Council page to see the year as it was recorded.',
    reportable: false,
  },
  'council.year_not_next': {
    status: 409,
    message:
      'Years are added to the Council data one after another, and this is not the year after the last one covered, so nothing was ' +
      'saved. Reload the Council page and add the year it offers.',
    reportable: false,
  },
  'council.year_invalid': {
    status: 400,
    message:
      'The year cannot be added as it stands: it needs five different Member States elected for it, none already on the Council that ' +
      'year, and one of the year’s fifteen members presiding each month. Nothing was saved; correct the fields marked and save again.',
    reportable: false,
  },
  'entity.already_eligible': {
    status: 409,
    message: 'This delegation may already submit a statement to this debate. Nothing was changed.',
    reportable: false,
  },
  'entity.not_added': {
    status: 409,
    message:
      'This delegation was not added to this debate, so there is nothing to remove. Member States and observer States not on the ' +
      'Council may submit by default.',
    reportable: false,
  },
  // written statements
  'statement.not_eligible': {
    status: 403,
    message:
      'Your delegation is not among those that may submit a statement to this debate. If you think it should be, contact the ' +
      'Security Council Affairs Division.',
    reportable: false,
  },
  'statement.not_yet_open': {
    status: 409,
    message: 'Submissions for this debate are not open yet. The debate’s page says when they open.',
    reportable: false,
  },
  'statement.in_issued_document': {
    status: 409,
    message:
      'Your statement is an annex of the compilation the Security Council has issued, and an issued document never changes, so ' +
      'nothing was submitted or withdrawn. If it must change, ask the Secretariat: it can reopen the statement for a corrigendum.',
    reportable: false,
  },
  'statement.not_issued': {
    status: 409,
    message:
      'This statement is not in an issued compilation, so there is nothing to reopen: the delegation can still change it while its ' +
      'window is open. Nothing was changed.',
    reportable: false,
  },
  'statement.closed': {
    status: 409,
    message:
      'The deadline for this debate has passed, so nothing was submitted. If your delegation needs more time, ask the Security ' +
      'Council Affairs Division for a late submission.',
    reportable: false,
  },
  'statement.incomplete': {
    status: 400,
    message:
      'The submission is not complete: it needs the statement, the signed cover letter, the signatory and the original language. Add ' +
      'what is missing, then confirm.',
    reportable: false,
  },
  'statement.signatory_unknown': {
    status: 400,
    message:
      'Choose the signatory from your mission’s list of authorised signatories. If the person is missing, your access focal point ' +
      'can add them.',
    reportable: false,
  },
  'statement.nothing_to_withdraw': {
    status: 409,
    message: 'Your delegation has no statement for this debate, so there is nothing to withdraw.',
    reportable: false,
  },
  'statement.file_refused': {
    status: 400,
    message: 'The file was refused. The message beside it says why and what to do; nothing you entered was lost.',
    reportable: false,
  },
  'statement.review_outdated': {
    status: 409,
    message: 'The delegation sent a new version meanwhile, so nothing was decided. Review the version now shown.',
    reportable: false,
  },
  'statement.return_reason_invalid': {
    status: 400,
    message:
      'Say what the delegation should correct, in 3 to 2000 characters: it is sent to the delegation as written. Nothing was decided.',
    reportable: false,
  },
  'statement.not_found': {
    status: 404,
    message: 'This delegation has no statement for this debate. The review desk lists the statements received.',
    reportable: false,
  },
  'statement.on_behalf_not_eligible': {
    status: 409,
    message:
      'This delegation is not among those that may submit a statement to this debate, so nothing was recorded. If it should be, add ' +
      'it under “Who may submit” on the debate desk first.',
    reportable: false,
  },
  'statement.on_behalf_closed': {
    status: 409,
    message:
      'The deadline has passed for this delegation, so nothing was recorded. Enter the statement only if it reached the Secretariat ' +
      'before the deadline, giving the time it arrived, or allow the delegation a late submission on the debate desk first.',
    reportable: false,
  },
  'statement.received_time_invalid': {
    status: 400,
    message:
      'The time the statement was received must fall within the submission window: after submissions opened, by the deadline that ' +
      'applied to the delegation, and not in the future. Nothing was recorded.',
    reportable: false,
  },
  // the meeting's speakers: briefers, Council members, non-members who spoke live
  'speaker.not_found': {
    status: 404,
    message: 'There is no such speaker for this debate. Go back to the list of speakers and choose again.',
    reportable: false,
  },
  'speaker.not_council_member': {
    status: 409,
    message:
      'This delegation is not a member of the Security Council on the day of the meeting, so nothing was recorded. Record its text ' +
      'as a statement delivered live by a non-member instead.',
    reportable: false,
  },
  'speaker.council_member_live': {
    status: 409,
    message:
      'This delegation is a member of the Security Council on the day of the meeting, so nothing was recorded. Record its text as a ' +
      'Council member’s statement instead.',
    reportable: false,
  },
  // compilation
  'compilation.nothing_accepted': {
    status: 400,
    message: 'No statement has been accepted yet, so there is nothing to compile. Accept statements on the review desk first.',
    reportable: false,
  },
  'compilation.letter_date_invalid': {
    status: 400,
    message:
      'The letter’s date must be a date on or after the day of the meeting, written as the date field asks. Nothing was built; ' +
      'correct the date and build again.',
    reportable: false,
  },
  'compilation.letter_month_unknown': {
    status: 400,
    message:
      'Rostrum does not know who presides the Security Council in the month of the letter’s date, so it cannot say who signs. Add ' +
      'that year’s presidencies on the Council page, or choose another date. Nothing was built.',
    reportable: false,
  },
  'compilation.signatory_required': {
    status: 400,
    message:
      'Enter the name of the President of the Security Council who signs the letter: the Permanent Representative of the State ' +
      'presiding in the month of the letter’s date. Nothing was built.',
    reportable: false,
  },
  'document.not_confirmed': {
    status: 400,
    message:
      'Issuing publishes the document under its symbol for good, so it needs your confirmation: tick the box after checking the ' +
      'document, then issue. Nothing was issued.',
    reportable: false,
  },
  'compilation.build_changed': {
    status: 409,
    message:
      'This build is no longer the one you checked: the page was out of date. Review the build again before issuing it. Nothing was ' +
      'issued.',
    reportable: false,
  },
  'compilation.briefers_unconfirmed': {
    status: 409,
    message:
      'Nothing was built: the meeting has not yet taken place, and an official document is built only once its briefers are settled. ' +
      'Still marked “to be confirmed”, with no briefing recorded: {briefers}. Record the briefing on the speakers’ page, or, on the ' +
      'debate’s form, untick “To be confirmed” for a briefer who is confirmed or remove one who will not brief; then build again.',
    reportable: false,
  },
  'compilation.order_invalid': {
    status: 400,
    message:
      'The annex order must name each of these groups once, separated by commas: briefers, council, live, written. Nothing was ' +
      'built; correct the order and build again.',
    reportable: false,
  },
  'compilation.already_issued': {
    status: 409,
    message:
      'This compilation has already been issued under its symbol, and an issued document never changes. To correct it, build a ' +
      'corrigendum.',
    reportable: false,
  },
  'compilation.not_found': {
    status: 404,
    message: 'There is no such compilation for this debate. The review desk lists the compilations built.',
    reportable: false,
  },
  'compilation.superseded': {
    status: 409,
    message:
      'Another build of this compilation has already been issued under its symbol, and a debate has one compilation. This build was ' +
      'made before that issue, so it cannot be issued as well. To change the issued compilation, start a corrigendum from the issued ' +
      'build. Nothing was changed.',
    reportable: false,
  },
  'compilation.inputs_changed': {
    status: 409,
    message:
      'The accepted statements have changed since this build (one was accepted, replaced, withdrawn or returned), so it no longer ' +
      'matches the review desk and was not issued. Build again, check the new build, and issue that one. Nothing was changed.',
    reportable: false,
  },
  'compilation.corrigendum_of_draft': {
    status: 409,
    message:
      'Only an issued compilation can be corrected, and this build is a draft. Issue it, or start the corrigendum from the issued ' +
      'build. Nothing was changed.',
    reportable: false,
  },
  'compilation.final_of_draft': {
    status: 409,
    message:
      'A hand-corrected final replaces a file of an issued compilation, and this build is a draft. Issue it first, or upload the ' +
      'corrected file to the issued build. Nothing was saved.',
    reportable: false,
  },
  'compilation.final_not_document': {
    status: 415,
    message:
      'A hand-corrected final must be a Word document (.docx) or a PDF, and this file is neither: its type is read from its content, ' +
      'not from its name. Upload the corrected .docx, or the PDF made from it. Nothing was saved.',
    reportable: false,
  },
  'document.nothing_to_retry': {
    status: 409,
    message:
      'No format of this document has failed, so there is nothing to try again: every format is made or being made. Reload the page ' +
      'to see where it stands.',
    reportable: false,
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Brands an AppError, so that one made by another copy of this module (compiled code loaded beside the sources) is known. */
const APP_ERROR = Symbol.for('rostrum.AppError');

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: ErrorCode;
  readonly status: number;
  /** Context for operators and logs; never shown on a web page. */
  readonly detail: string | undefined;

  /**
   * `values` fill the message's placeholders ({limit}); a placeholder without a value is left as written.
   */
  constructor(code: ErrorCode, options: { detail?: string; cause?: unknown; values?: Record<string, string | number> } = {}) {
    const spec: ErrorSpec = errorCatalogue[code];
    super(fillMessage(spec.message, options.values), { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.detail = options.detail;
  }

  get spec(): ErrorSpec {
    return errorCatalogue[this.code];
  }
}

/** A catalogue message with its placeholders ({name}) filled from `values`. */
export function fillMessage(message: string, values: Record<string, string | number> = {}): string {
  return message.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError || (err instanceof Error && APP_ERROR in err);
}
