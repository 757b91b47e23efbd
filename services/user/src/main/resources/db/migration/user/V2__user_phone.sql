-- An optional mobile number per account, in E.164 form, for the notification service's text messages.
ALTER TABLE users ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{1,14}$');
