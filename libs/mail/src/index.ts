export * from './mail-catcher';
export * from './mailer';
