// Outgoing mail: queue it inside a transaction; the 'mail.send' job delivers it through the configured transport.
export {
  queueMail,
  listOutbox,
  MAIL_SEND_KIND,
  OUTBOX_PAGE_SIZE,
  outboxMessage,
  outboxMessages,
  type MailRow,
  type OutgoingMail,
} from './mailer.js';
export { OUTBOX_READ } from './policies.js';
export { NOTIFICATION_BATCH, queueNotification, queueNotificationsInBatches, type Notification } from './notifications.js';
export { mailSendJob } from './send-job.js';
export { outboxTransport, smtpTransport, type MailTransport } from './transports.js';
export { OUTBOX_FILES_KEPT, readOutboxFolder } from './outbox-folder.js';
