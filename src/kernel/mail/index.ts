// Outgoing mail: queue it inside a transaction; the 'mail.send' job delivers it through the configured transport.
export { queueMail, listOutbox, MAIL_SEND_KIND, type MailRow, type OutgoingMail } from './mailer.js';
export { NOTIFICATION_BATCH, queueNotification, queueNotificationsInBatches, type Notification } from './notifications.js';
export { mailSendJob } from './send-job.js';
export { outboxTransport, smtpTransport, type MailTransport } from './transports.js';
